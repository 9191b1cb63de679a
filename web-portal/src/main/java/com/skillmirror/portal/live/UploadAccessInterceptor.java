package com.skillmirror.portal.live;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.security.ActorResolver;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The handshake is allowed only to whoever may read the upload's status: the same {@link AccessPolicy} rule, so
 * another team's upload is 404 (its existence not leaked) and a missing sign-in is 401. The security filter chain
 * has already authenticated the request; this is the per-upload check it cannot make.
 */
@Component
class UploadAccessInterceptor implements HandshakeInterceptor {

    static final String UPLOAD_ID = "uploadId";
    private static final Pattern PATH = Pattern.compile("/uploads/([^/]+)/live/?$");

    private final ActorResolver actors;
    private final AccessPolicy access;

    UploadAccessInterceptor(ActorResolver actors, AccessPolicy access) {
        this.actors = actors;
        this.access = access;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Matcher m = PATH.matcher(request.getURI().getPath());
        UUID uploadId;
        try {
            uploadId = m.find() ? UUID.fromString(m.group(1)) : null;
        } catch (IllegalArgumentException notAnId) {
            uploadId = null;
        }
        if (uploadId == null) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        Actor actor;
        try {
            actor = actors.current(SecurityContextHolder.getContext().getAuthentication());
        } catch (AuthenticationException e) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        try {
            access.requireUpload(actor, uploadId);
        } catch (NotFoundException e) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        attributes.put(UPLOAD_ID, uploadId);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // nothing to undo: the handshake stored nothing but the upload id in the session's attributes
    }
}
