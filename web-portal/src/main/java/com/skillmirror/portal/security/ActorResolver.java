package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Actor;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers an {@link Actor} parameter: the account behind the session (form login) or the bearer JWT
 * (subject = user id), reloaded from the database so a deleted account or changed role takes effect at once.
 */
@Component
public class ActorResolver implements HandlerMethodArgumentResolver {

    private final AccountRepository accounts;
    private final AccountStates states;

    ActorResolver(AccountRepository accounts, AccountStates states) {
        this.accounts = accounts;
        this.states = states;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                 WebDataBinderFactory binders) {
        return current(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The account as it is now (role included), or empty once it is deleted: for checks long after sign-in. */
    public java.util.Optional<Actor> reload(UUID id) {
        return accounts.find(id).map(a -> new Actor(a.id(), a.username(), a.role()));
    }

    /** Also used where no MVC argument resolution happens (the WebSocket handshake). */
    public Actor current(Authentication authentication) {
        UUID id = null;
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            id = principal.id();
        } else if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            id = UUID.fromString(jwt.getSubject());
        } else if (authentication != null
                && authentication.getPrincipal() instanceof PersonalAccessTokenFilter.TokenPrincipal token) {
            id = token.userId();
        }
        if (id == null) {
            throw new InsufficientAuthenticationException("Sign in first.");
        }
        return states.find(id).map(a -> new Actor(a.id(), a.username(), a.role()))
                .orElseThrow(() -> new InsufficientAuthenticationException("This account no longer exists."));
    }

    /**
     * The credentials version the sign-in (page session or bearer token) was made under, for long-lived uses such as
     * a live socket: once the account's version moves on (password or role change, sign-out everywhere), that use ends.
     */
    public OptionalInt credentialsVersion(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return OptionalInt.of(principal.credentialsVersion());
        }
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                && jwt.getClaims().get(AccessTokenValidator.CREDENTIALS_VERSION) instanceof Number version) {
            return OptionalInt.of(version.intValue());
        }
        return OptionalInt.empty();
    }

    /** The account's credentials version now; empty once the account is deleted. */
    public OptionalInt currentCredentialsVersion(UUID id) {
        return accounts.find(id).map(a -> OptionalInt.of(a.credentialsVersion())).orElse(OptionalInt.empty());
    }

    /** When a bearer token's sign-in ends by itself (its exp); empty for a page session, which ends on sign-out. */
    public Optional<Instant> expiresAt(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return Optional.ofNullable(jwt.getExpiresAt());
        }
        return Optional.empty();
    }
}
