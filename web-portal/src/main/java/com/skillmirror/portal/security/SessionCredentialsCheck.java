package com.skillmirror.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a page session whose sign-in is older than the account's credentials (password or role changed, signed out
 * everywhere by an admin) or whose account is gone: the session is invalidated and the user sent to sign in again.
 * A check per request against the row rather than a registry of sessions, so it holds across replicas and restarts.
 * The session that made the change was moved to the new version by {@link SessionRenewal} and stays signed in.
 */
final class SessionCredentialsCheck extends OncePerRequestFilter {

    private final AccountStates accounts;

    SessionCredentialsCheck(AccountStates accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal principal) {
            Optional<Account> account = accounts.find(principal.id());
            if (account.isEmpty() || account.get().credentialsVersion() != principal.credentialsVersion()) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                if (request.getRequestURI().startsWith(request.getContextPath() + "/web/")) {
                    SecurityConfiguration.json(response, 401, "Your sign-in ended because the account's password or"
                            + " role changed; sign in again.");
                } else {
                    response.sendRedirect(request.getContextPath() + "/login?expired");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
