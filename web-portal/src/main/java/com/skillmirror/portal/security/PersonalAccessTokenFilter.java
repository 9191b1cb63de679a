package com.skillmirror.portal.security;

import com.skillmirror.portal.access.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The API's door for personal access tokens ({@code Authorization: Bearer smp_...}; JWTs go on to the resource
 * server, whose token resolver skips these). A token that is unknown, revoked, expired or whose account is gone is
 * 401; a live token is then held to its scopes on every path, deny by default: GET/HEAD needs {@code read}; creating
 * uploads, analyses, comparisons and expert ingests needs {@code upload}; the admin endpoints need {@code admin}
 * (and an owner who is still an admin); everything else (tokens, password, notes, rosters, webhooks, deletions) is
 * refused to tokens and needs a sign-in. The owner's role is read from the account row on each request, so a
 * downgrade limits the token at once. Refusals are audited with the token's public id, never its secret.
 */
final class PersonalAccessTokenFilter extends OncePerRequestFilter {

    static final String TOKEN_REFUSED = "TOKEN_REFUSED";
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final List<String> NEVER = List.of("/api/account/**", "/api/me/password/**", "/api/auth/**",
            "/api/teams/*/webhooks/**");
    private static final List<String> ADMIN = List.of("/api/users/**", "/users/**");
    private static final List<String> UPLOAD = List.of("/api/uploads/**", "/upload-video/**", "/analyze-video/**",
            "/compare/**", "/api/compare/**", "/api/experts/ingest/**");

    private final PersonalAccessTokens tokens;
    private final AccountStates accounts;
    private final AuditLog audit;

    PersonalAccessTokenFilter(PersonalAccessTokens tokens, AccountStates accounts, AuditLog audit) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** A personal access token's sign-in: the owner's id, the token's id and scopes. */
    record TokenPrincipal(UUID userId, UUID tokenId, Set<TokenScope> scopes) {
    }

    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final TokenPrincipal principal;

        TokenAuthentication(TokenPrincipal principal, String authority) {
            super(List.of(new SimpleGrantedAuthority(authority)));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.userId().toString();
        }
    }

    /** The bearer value when it is one of our tokens, for the JWT resolver to leave alone. */
    static String bearerValue(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = bearerValue(request);
        if (!PersonalAccessTokens.looksLikeToken(value)) {
            chain.doFilter(request, response);
            return;
        }
        // the decoded, normalised path the handlers are matched on: the raw URI would let /api/%75sers pass as a read
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        String publicId = publicId(value);
        PersonalAccessTokens.Attempt attempt = tokens.attempt(value);
        Optional<PersonalAccessTokens.Found> found = attempt.found();
        Optional<Account> owner = found.flatMap(f -> accounts.find(f.userId()));
        if (owner.isEmpty()) {
            // made-up ids are not audited: any "Bearer smp_..." would otherwise cost an INSERT, unthrottled
            if (attempt.knownId()) {
                audit.record(found.map(f -> "user:" + f.userId()).orElse(null), TOKEN_REFUSED, "token:" + publicId,
                    "unknown, revoked or expired personal access token on " + request.getMethod() + " " + cut(path)
                            + " from " + request.getRemoteAddr());
            }
            SecurityConfiguration.json(response, 401, "This personal access token is unknown, revoked or expired.");
            return;
        }
        Account account = owner.get();
        Set<TokenScope> scopes = found.get().scopes();
        Optional<TokenScope> needed = required(request.getMethod(), path);
        String refusal = needed.isEmpty() ? "A personal access token cannot do this; sign in with your password."
                : !scopes.contains(needed.get()) ? "This token lacks the '" + needed.get().value() + "' scope."
                : needed.get() == TokenScope.ADMIN && !account.role().name().equals("ADMIN")
                ? "This token's owner is no longer an admin." : null;
        if (refusal != null) {
            audit.record(account.username(), TOKEN_REFUSED, "token:" + publicId,
                    refusal + " " + request.getMethod() + " " + cut(path));
            SecurityConfiguration.json(response, 403, refusal.replace("'", ""));
            return;
        }
        SecurityContextHolder.setContext(new SecurityContextImpl(new TokenAuthentication(
                new TokenPrincipal(account.id(), found.get().tokenId(), scopes), account.role().authority())));
        chain.doFilter(request, response);
    }

    /** The scope a request needs; empty when no token may make it. */
    static Optional<TokenScope> required(String method, String path) {
        if (matches(NEVER, path)) {
            return Optional.empty();
        }
        if (matches(ADMIN, path)) {
            return Optional.of(TokenScope.ADMIN);
        }
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return Optional.of(TokenScope.READ);
        }
        if ("POST".equals(method) && matches(UPLOAD, path)) {
            return Optional.of(TokenScope.UPLOAD);
        }
        return Optional.empty();
    }

    private static boolean matches(List<String> patterns, String path) {
        return patterns.stream().anyMatch(p -> PATHS.match(p, path));
    }

    /** The token's public part for the audit trail (hex only, so nothing else of the value is written). */
    private static String publicId(String value) {
        String rest = value.substring(PersonalAccessTokens.PREFIX.length());
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < rest.length() && i < 16; i++) {
            char c = rest.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                break;
            }
            id.append(c);
        }
        return id.toString();
    }

    private static String cut(String path) {
        return path.length() > 200 ? path.substring(0, 200) : path;
    }
}
