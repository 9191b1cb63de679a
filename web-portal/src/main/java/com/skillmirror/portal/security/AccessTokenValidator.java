package com.skillmirror.portal.security;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * What an access token must be beyond its signature: our issuer, a subject, issued-at and expiry present, not
 * expired by even a second (the portal is its own issuer and checks its own clock, so there is no skew to forgive),
 * and issued under the account's current credentials version: a token of a deleted account, or from before a password change, role change
 * or sign-out everywhere, is refused. The account check runs only on tokens that pass the cheap checks.
 */
final class AccessTokenValidator implements OAuth2TokenValidator<Jwt> {

    /** The claim carrying the account's credentials version at issue. */
    static final String CREDENTIALS_VERSION = "cv";

    private final OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(Duration.ZERO),
            new JwtIssuerValidator(TokenService.ISSUER),
            new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
            new JwtClaimValidator<Object>(JwtClaimNames.IAT, Objects::nonNull),
            new JwtClaimValidator<Object>(JwtClaimNames.SUB, Objects::nonNull),
            new JwtClaimValidator<Object>(CREDENTIALS_VERSION, Objects::nonNull));
    private final AccountStates accounts;

    AccessTokenValidator(AccountStates accounts) {
        this.accounts = accounts;
    }

    /**
     * The decoder's claim conversion, except that a token without iat stays without it: Spring's default fills in
     * exp minus one second, which would let the required-iat check above pass on a token that has none.
     */
    static Converter<Map<String, Object>, Map<String, Object>> claimsAsSigned() {
        MappedJwtClaimSetConverter defaults = MappedJwtClaimSetConverter.withDefaults(Map.of());
        return claims -> {
            Map<String, Object> converted = defaults.convert(claims);
            if (converted != null && !claims.containsKey(JwtClaimNames.IAT)) {
                converted.remove(JwtClaimNames.IAT);
            }
            return converted;
        };
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        OAuth2TokenValidatorResult result = claims.validate(token);
        if (result.hasErrors()) {
            return result;
        }
        Optional<Account> account;
        try {
            account = accounts.find(UUID.fromString(token.getSubject()));
        } catch (IllegalArgumentException notAnId) {
            return invalid("The token's subject is not an account id; sign in again.");
        }
        if (account.isEmpty()) {
            return invalid("The account of this token no longer exists.");
        }
        if (!String.valueOf(account.get().credentialsVersion()).equals(String.valueOf(token.getClaims().get(CREDENTIALS_VERSION)))) {
            return invalid("This token was issued before the account's password or role changed or it was signed out"
                    + " everywhere; sign in again.");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
