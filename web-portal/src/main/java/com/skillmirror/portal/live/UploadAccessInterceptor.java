package com.skillmirror.portal.live;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.security.ActorResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
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
    static final String ACTOR_ID = "actorId";
    /** The portal's HTTP session behind a page's socket: signing out of it ends the socket. */
    static final String HTTP_SESSION_ID = "httpSessionId";
    /** The credentials version the sign-in was made under: a password or role change ends the socket. */
    static final String CREDENTIALS_VERSION = "credentialsVersion";
    /** When the bearer token of an API socket expires (an Instant): the socket ends then. */
    static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";
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
            return refuse(response, HttpStatus.NOT_FOUND, "No upload here: the path is /web/uploads/{uploadId}/live"
                    + " (or /api/...) with the id from the upload's answer.");
        }
        Actor actor;
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        try {
            actor = actors.current(authentication);
        } catch (AuthenticationException e) {
            return refuse(response, HttpStatus.UNAUTHORIZED, "Sign in first: the portal's session cookie, or"
                    + " 'Authorization: Bearer <accessToken>' from POST /api/auth/token.");
        }
        try {
            access.requireUpload(actor, uploadId);
        } catch (NotFoundException e) {
            return refuse(response, HttpStatus.NOT_FOUND, "No upload " + uploadId + " that you may see: check the id, or"
                    + " ask the team's coach to add you to the team.");
        }
        attributes.put(UPLOAD_ID, uploadId);
        attributes.put(ACTOR_ID, actor.id());
        actors.credentialsVersion(authentication).ifPresent(version -> attributes.put(CREDENTIALS_VERSION, version));
        actors.expiresAt(authentication).ifPresent(expiry -> attributes.put(TOKEN_EXPIRES_AT, expiry));
        if (request instanceof ServletServerHttpRequest servlet && servlet.getServletRequest().getSession(false) != null) {
            attributes.put(HTTP_SESSION_ID, servlet.getServletRequest().getSession(false).getId());
        }
        return true;
    }

    /** A refused handshake is an ordinary HTTP answer: say why, as the API's errors do. */
    private static boolean refuse(ServerHttpResponse response, HttpStatus status, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        try {
            response.getBody().write(("{\"error\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the status alone still refuses the handshake
        }
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // nothing to undo: the handshake only put ids (upload, actor, HTTP session) and the sign-in's limits in the
        // socket's attributes
    }
}
