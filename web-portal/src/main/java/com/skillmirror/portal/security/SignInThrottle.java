package com.skillmirror.portal.security;

import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.RateLimiter;
import com.skillmirror.portal.access.TooManyRequestsException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every password check passes here, whatever URL or encoding reached it (form login under any spelling of /login,
 * the API's token endpoint): attempts are limited per client address and per account before the password is
 * compared, so neither spreading guesses over accounts nor over addresses gets past the limit.
 */
final class SignInThrottle implements AuthenticationManager {

    /** A sign-in refused for the rate limit: form login answers 429, the API 429 JSON. */
    static final class Throttled extends AuthenticationException {
        private final long retryAfterSeconds;

        Throttled(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final AuthenticationManager delegate;
    private final RateLimiter limiter;
    private final AuditLog audit;

    SignInThrottle(AuthenticationManager delegate, RateLimiter limiter, AuditLog audit) {
        this.delegate = delegate;
        this.limiter = limiter;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String address = addressOf(attempt);
        try {
            limiter.signIn(address, attempt.getName());
        } catch (TooManyRequestsException e) {
            audit.record(attempt.getName(), AuditLog.RATE_LIMITED, "sign-in", "from " + address);
            throw new Throttled(e.getMessage(), e.retryAfterSeconds());
        }
        return delegate.authenticate(attempt);
    }

    static String addressOf(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }
}
