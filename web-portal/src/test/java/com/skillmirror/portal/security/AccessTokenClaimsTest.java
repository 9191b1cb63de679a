package com.skillmirror.portal.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Access tokens signed with the portal's real key but with expired or missing time claims, a missing subject or a
 * foreign issuer are refused: the signature alone is not enough, and there is no grace period after expiry.
 */
class AccessTokenClaimsTest extends PortalTestSupport {

    @Autowired
    JwtEncoder signer;

    @Test
    void aWellFormedTokenIsAcceptedSoTheRefusalsBelowAreAboutTheirClaims() throws Exception {
        Account coach = user(Role.COACH);
        mvc.perform(get("/api/me").header("Authorization", bearer(sign(coach, c -> { }))))
                .andExpect(status().isOk());
    }

    @Test
    void aTokenOneSecondPastItsExpiryIsRefused() throws Exception {
        Account coach = user(Role.COACH);
        Instant now = Instant.now();
        String expired = sign(coach, c -> c.issuedAt(now.minus(Duration.ofMinutes(15))).expiresAt(now.minusSeconds(1)));
        mvc.perform(get("/api/me").header("Authorization", bearer(expired))).andExpect(status().isUnauthorized());
    }

    @Test
    void tokensWithoutExpiryIssuedAtSubjectOrWithAnotherIssuerAreRefused() throws Exception {
        Account coach = user(Role.COACH);
        String noExpiry = sign(coach, c -> c.claims(claims -> claims.remove("exp")));
        String noIssuedAt = sign(coach, c -> c.claims(claims -> claims.remove("iat")));
        String noSubject = sign(coach, c -> c.claims(claims -> claims.remove("sub")));
        String otherIssuer = sign(coach, c -> c.issuer("someone-else"));
        java.util.Map<String, String> tokens = java.util.Map.of("no exp", noExpiry, "no iat", noIssuedAt,
                "no sub", noSubject, "another iss", otherIssuer);
        tokens.forEach((what, token) -> {
            try {
                org.assertj.core.api.Assertions.assertThat(mvc.perform(get("/api/me").header("Authorization", bearer(token)))
                        .andReturn().getResponse().getStatus()).as(what).isEqualTo(401);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A token as TokenService issues it (real signing key), changed by the given edit. */
    private String sign(Account account, Consumer<JwtClaimsSet.Builder> edit) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(TokenService.ISSUER).subject(account.id().toString())
                .claim("role", account.role().name()).claim(AccessTokenValidator.CREDENTIALS_VERSION, 0)
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(15)));
        edit.accept(claims);
        return signer.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }
}
