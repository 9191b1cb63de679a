package com.skillmirror.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An account whose password someone else chose (the first admin, or an account an admin created with a password)
 * may do nothing but change it: the API answers 403 saying so, except for the account itself, the change and the
 * token endpoints; the pages send every request to the change-password page.
 */
final class PasswordChangeGate extends OncePerRequestFilter {

    private static final Set<String> API_OPEN = Set.of("/api/me", "/api/me/password", "/api/auth/token",
            "/api/auth/refresh", "/api/auth/logout");
    private static final Set<String> PAGES_OPEN = Set.of("/account/password", "/logout", "/login", "/error",
            "/favicon.ico");

    private final AccountStates accounts;
    private final boolean api;

    private PasswordChangeGate(AccountStates accounts, boolean api) {
        this.accounts = accounts;
        this.api = api;
    }

    static PasswordChangeGate forApi(AccountStates accounts) {
        return new PasswordChangeGate(accounts, true);
    }

    static PasswordChangeGate forPages(AccountStates accounts) {
        return new PasswordChangeGate(accounts, false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UUID id = accountId(SecurityContextHolder.getContext().getAuthentication());
        // the path as sent, without the context: getServletPath() is empty where no servlet mapping splits it
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean open = api ? API_OPEN.contains(path)
                : PAGES_OPEN.contains(path) || path.startsWith("/css/") || path.startsWith("/js/");
        if (id != null && !open && accounts.find(id).map(Account::mustChangePassword).orElse(false)) {
            if (api) {
                SecurityConfiguration.json(response, 403, "Change your password first: this account still has the"
                        + " password an administrator set. POST /api/me/password with currentPassword and newPassword.");
            } else if (path.startsWith("/web/")) {
                SecurityConfiguration.json(response, 403, "Change your password first on the page /account/password.");
            } else {
                response.sendRedirect(request.getContextPath() + "/account/password");
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static UUID accountId(Authentication auth) {
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal principal) {
            return principal.id();
        }
        if (auth != null && auth.getPrincipal() instanceof Jwt jwt) {
            return UUID.fromString(jwt.getSubject());
        }
        if (auth != null && auth.getPrincipal() instanceof PersonalAccessTokenFilter.TokenPrincipal token) {
            return token.userId();
        }
        return null;
    }
}
