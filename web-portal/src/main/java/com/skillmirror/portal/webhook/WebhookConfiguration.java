package com.skillmirror.portal.webhook;

import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
class WebhookConfiguration {

    @Bean
    WebhookSecrets webhookSecrets(@Qualifier("jwtSigningKey") SecretKey tokenKey) {
        return new WebhookSecrets(tokenKey);
    }
}
