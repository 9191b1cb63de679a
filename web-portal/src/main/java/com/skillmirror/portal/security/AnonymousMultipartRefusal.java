package com.skillmirror.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a multipart body from a client that has not signed in before anything reads it. Reading one form field
 * (the CSRF filter looks for its token) makes the servlet container spool every part to disk, so without this an
 * anonymous client could fill the disk through any URL. Tomcat then drains at most server.tomcat.max-swallow-size
 * (2 MB) of the rest and closes the connection.
 */
final class AnonymousMultipartRefusal extends OncePerRequestFilter {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/") && !signedIn()) {
            response.setHeader("Connection", "close");
            SecurityConfiguration.json(response, 401, "Sign in before uploading: nothing was read or stored.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !TRUST.isAnonymous(auth);
    }
}
