package com.skillmirror.portal.security;

import java.util.List;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A bearer token's authorities come from the account row as it is now, never from the token's role claim: the
 * claim is what the role was at sign-in (kept for clients to read), the row is what it is.
 */
final class AccountAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccountStates accounts;

    AccountAuthorities(AccountStates accounts) {
        this.accounts = accounts;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Account account = accounts.find(UUID.fromString(jwt.getSubject()))
                .orElseThrow(() -> new InvalidBearerTokenException("The account of this token no longer exists."));
        return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(account.role().authority())),
                jwt.getSubject());
    }
}
