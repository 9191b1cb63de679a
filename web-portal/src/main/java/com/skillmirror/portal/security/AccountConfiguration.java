package com.skillmirror.portal.security;

import com.skillmirror.SkillMirrorSettings;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.RateLimiter;
import java.io.IOException;
import javax.crypto.SecretKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Accounts and tokens; not tied to the servlet stack so the CLI (no web server) still starts the same context.
 * Passwords: the delegating encoder, Argon2id for new hashes (prefixed, so the algorithm can change later).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class AccountConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // new hashes: Argon2id, which takes the whole of a long passphrase (bcrypt refuses anything past 72 bytes, so a
        // 64-character phrase in accented letters could not be set); hashes made earlier keep verifying by prefix
        java.util.Map<String, PasswordEncoder> encoders = new java.util.HashMap<>();
        encoders.put(NEW_HASHES, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        DelegatingPasswordEncoder argon2First = new DelegatingPasswordEncoder(NEW_HASHES, encoders);
        argon2First.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return argon2First;
    }

    static final String NEW_HASHES = "argon2@SpringSecurity_v5_8";

    @Bean
    UserDetailsService accountDetails(AccountRepository accounts) {
        return username -> accounts.findByUsername(username).filter(a -> a.passwordHash() != null)
                .map(AccountPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService details, PasswordEncoder encoder, RateLimiter limiter,
                                                AuditLog audit) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(details);
        provider.setPasswordEncoder(encoder);
        return new SignInThrottle(new ProviderManager(provider), limiter, audit);
    }

    @Bean
    SecretKey jwtSigningKey(SecuritySettings security, SkillMirrorSettings core) throws IOException {
        return JwtKeys.load(security.jwtSecret(), core.home());
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        return NimbusJwtEncoder.withSecretKey(jwtSigningKey).algorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtSigningKey, AccountStates accounts) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new AccessTokenValidator(accounts));
        decoder.setClaimSetConverter(AccessTokenValidator.claimsAsSigned());
        return decoder;
    }

    @Bean
    TokenService tokenService(JwtEncoder encoder, JdbcClient jdbc, AccountRepository accounts,
                              SecuritySettings security) {
        return new TokenService(encoder, jdbc, accounts, security.accessTokenTtl(), security.refreshTokenTtl());
    }
}
