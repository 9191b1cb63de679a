package com.skillmirror.portal;

import com.skillmirror.upload.UploadSettings;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureWebMvc;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Spring MVC with Thymeleaf and JSON as the portal runs them, and the two advices that decide how an error leaves it:
 * a page's as a page ({@code web.PageErrors}), an API's as JSON ({@code upload.ApiErrors}). Both are package-private,
 * so they are found by scanning, as the application finds them. Test classes add {@code @AutoConfigureMockMvc}, and
 * {@link PortalCoreSlice} for the security filter chains.
 * <p>No @Configuration on purpose: the full-application tests scan com.skillmirror, and must not find this.
 */
@AutoConfigureWebMvc
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@EnableConfigurationProperties(UploadSettings.class)
@ComponentScan(basePackages = {"com.skillmirror.portal.web", "com.skillmirror.portal.upload"}, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
                pattern = {"com\\.skillmirror\\.portal\\.web\\.PageErrors", "com\\.skillmirror\\.portal\\.upload\\.ApiErrors"}))
public class PortalWebSlice {
}
