package com.skillmirror.portal.upload;

import com.skillmirror.upload.UploadSettings;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Tomcat's cap on multipart parts follows the upload's file limit: each file may come with an athlete and a skill
 * part, plus a few form fields. Without this the container's default (50 parts) refused a 20-file tagged upload
 * long before {@code skillmirror.upload.max-files}, with a message about file size.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    static final int PARTS_PER_FILE = 3;
    static final int FORM_FIELDS = 16;

    static int maxParts(int maxFiles) {
        return maxFiles * PARTS_PER_FILE + FORM_FIELDS;
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE) // after the server.tomcat.* properties, so this value wins
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> multipartPartLimit(
            UploadSettings uploads) {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setMaxPartCount(maxParts(uploads.maxFiles())));
    }
}
