package com.skillmirror.portal.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The account row as authentication needs it on every request (token check, authorities, forced password change,
 * the controller's actor): one primary-key query per request, remembered for the rest of that request only, so a
 * change made anywhere (another replica included) counts from the next request on without any cache to expire.
 */
@Component
class AccountStates {

    private static final String KEY = AccountStates.class.getName() + ".";
    private static final Object NONE = new Object();

    private final AccountRepository accounts;

    AccountStates(AccountRepository accounts) {
        this.accounts = accounts;
    }

    Optional<Account> find(UUID id) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return accounts.find(id);
        }
        Object known = request.getAttribute(KEY + id, RequestAttributes.SCOPE_REQUEST);
        if (known == null) {
            Optional<Account> loaded = accounts.find(id);
            request.setAttribute(KEY + id, loaded.<Object>map(a -> a).orElse(NONE), RequestAttributes.SCOPE_REQUEST);
            return loaded;
        }
        return known == NONE ? Optional.empty() : Optional.of((Account) known);
    }

    /** After this request changed the account: later reads in the same request see the new row. */
    void forget(UUID id) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(KEY + id, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
