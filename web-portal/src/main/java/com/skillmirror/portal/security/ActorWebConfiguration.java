package com.skillmirror.portal.security;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the {@link ActorResolver}. Without it MVC would bind an Actor parameter from request parameters
 * (?role=ADMIN), so custom resolvers run first and an unresolvable actor is an error, never a bound value.
 */
@Configuration(proxyBeanMethods = false)
class ActorWebConfiguration implements WebMvcConfigurer {

    private final ActorResolver resolver;

    ActorWebConfiguration(ActorResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(resolver);
    }
}
