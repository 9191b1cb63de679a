package com.skillmirror.portal.security;

import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.RateLimiter;
import com.skillmirror.portal.access.TooManyRequestsException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/** Limits form sign-in attempts per client address; over the limit the form is answered 429 with how long to wait. */
final class LoginRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final AuditLog audit;

    LoginRateLimitFilter(RateLimiter limiter, AuditLog audit) {
        this.limiter = limiter;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI())) {
            try {
                limiter.login(request.getRemoteAddr());
            } catch (TooManyRequestsException e) {
                audit.record(request.getParameter("username"), AuditLog.RATE_LIMITED, "login", "from " + request.getRemoteAddr());
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!DOCTYPE html><title>Too many attempts</title><p>"
                        + HtmlUtils.htmlEscape(e.getMessage()) + "</p><p><a href=\"/login\">Back to sign in</a></p>");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
