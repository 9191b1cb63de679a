package com.skillmirror.portal.security;

import com.skillmirror.portal.access.AuditLog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.util.HtmlUtils;

/**
 * Two filter chains. The API (/api/** and the seed's paths) is stateless: bearer JWTs only, no cookies, so CSRF
 * does not apply; no token = 401 JSON. The portal pages use form login with a session and CSRF tokens on every
 * form and on the pages' own XHR calls (under /web/**).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String[] API_PATHS = {"/api/**", "/health", "/users", "/users/**", "/skills", "/skills/**",
            "/upload-video", "/upload-video/**", "/analyze-video/**", "/analysis/**", "/experts", "/experts/**",
            "/compare/**"};

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, AccountStates accounts,
                            PersonalAccessTokens personalTokens, AuditLog audit) throws Exception {
        AccountAuthorities converter = new AccountAuthorities(accounts);
        // personal access tokens (smp_...) are the PersonalAccessTokenFilter's; every other bearer value is a JWT
        DefaultBearerTokenResolver jwts = new DefaultBearerTokenResolver();
        BearerTokenResolver resolver = request -> PersonalAccessTokens.looksLikeToken(
                PersonalAccessTokenFilter.bearerValue(request)) ? null : jwts.resolve(request);
        http.securityMatcher(API_PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/health", "/api/auth/token", "/api/auth/refresh", "/api/auth/logout").permitAll()
                        .requestMatchers("/api/users", "/api/users/**", "/users", "/users/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .addFilterBefore(new PersonalAccessTokenFilter(personalTokens, accounts, audit),
                        BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new AnonymousMultipartRefusal(), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(PasswordChangeGate.forApi(accounts), AuthorizationFilter.class)
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(resolver)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((req, res, e) -> json(res, 401,
                                "Sign in first: send 'Authorization: Bearer <accessToken>' from POST /api/auth/token.")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> json(res, 401,
                                "Sign in first: send 'Authorization: Bearer <accessToken>' from POST /api/auth/token."))
                        .accessDeniedHandler((req, res, ex) -> json(res, 403, "Your role may not do this.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain portal(HttpSecurity http, AuthenticationManager authenticationManager, AuditLog audit,
                               AccountStates accounts) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/invite/**", "/favicon.ico",
                                "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((req, res, auth) -> {
                            audit.record(auth.getName(), AuditLog.LOGIN, null, "form from " + req.getRemoteAddr());
                            success.onAuthenticationSuccess(req, res, auth);
                        })
                        .failureHandler((req, res, e) -> {
                            if (e instanceof SignInThrottle.Throttled throttled) {
                                tooManySignIns(res, throttled);
                                return;
                            }
                            audit.record(req.getParameter("username"), AuditLog.LOGIN_FAILED, null,
                                    "form from " + req.getRemoteAddr());
                            failure.onAuthenticationFailure(req, res, e);
                        }))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .addFilterBefore(new SessionCredentialsCheck(accounts), AuthorizationFilter.class)
                .addFilterBefore(PasswordChangeGate.forPages(accounts), AuthorizationFilter.class)
                // after the session's sign-in is loaded, before the CSRF filter reads a form field
                .addFilterBefore(new AnonymousMultipartRefusal(), CsrfFilter.class)
                // SAMEORIGIN so the portal can frame its stored reports (served with their own strict policy); the
                // portal's pages themselves still refuse any framing through frame-ancestors 'none'
                // same-origin referrers: invite links and report ids in page URLs never reach another site
                .headers(h -> h.frameOptions(f -> f.sameOrigin()).referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none';"
                                + " frame-ancestors 'none'; base-uri 'self'; form-action 'self'")));
        return http.build();
    }

    private static void tooManySignIns(HttpServletResponse res, SignInThrottle.Throttled e) throws IOException {
        res.setStatus(429);
        res.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        res.setContentType("text/html;charset=UTF-8");
        res.getWriter().write("<!DOCTYPE html><title>Too many attempts</title><p>" + HtmlUtils.htmlEscape(e.getMessage())
                + "</p><p><a href=\"/login\">Back to sign in</a></p>");
    }

    static void json(HttpServletResponse res, int status, String message) throws IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        // messages here are fixed strings without quotes or backslashes, so no JSON escaping is needed
        res.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
