package com.skillmirror.portal.live;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * Live progress of an upload over a plain WebSocket with JSON text messages. The portal page connects to
 * /web/uploads/{id}/live with its session cookie, API clients to /api/uploads/{id}/live with a bearer token; both
 * paths sit behind the same security filter chains as the rest of their side. No allowed origins are set, so
 * Spring refuses cross-origin handshakes: another site cannot ride on a signed-in user's cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(LiveSettings.class)
class LiveProgressConfiguration implements WebSocketConfigurer {

    private final LiveProgress handler;
    private final UploadAccessInterceptor access;

    LiveProgressConfiguration(LiveProgress handler, UploadAccessInterceptor access) {
        this.handler = handler;
        this.access = access;
    }

    /** Tells the application when an HTTP session ends (sign-out, expiry), so its sockets can be closed. */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // the origin check first: another site's page must not even make the access query (or its audit entry)
        registry.addHandler(handler, "/web/uploads/*/live", "/api/uploads/*/live")
                .addInterceptors(new OriginHandshakeInterceptor(), access);
    }
}
