package com.skillmirror.portal.api;

import com.skillmirror.portal.access.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at /v3/api-docs and Swagger UI at /swagger-ui: bearer JWT from POST /api/auth/token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the signed-in actor is resolved from the token, never sent by the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI skillMirrorApi() {
        return new OpenAPI()
                .info(new Info().title("SkillMirror API").version("v1")
                        .description("Upload training videos, follow their analysis, manage teams and athletes."
                                + " Sign in with POST /api/auth/token and send 'Authorization: Bearer <accessToken>'."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
