package com.skillmirror.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * A password change ends every page session signed in under the old credentials, except the one that made it: that
 * session's sign-in is moved to the account's new credentials version here, so {@link SessionCredentialsCheck} lets it
 * through.
 */
@Component
public class SessionRenewal {

    private final AccountRepository accounts;
    private final AccountStates states;
    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    SessionRenewal(AccountRepository accounts, AccountStates states) {
        this.accounts = accounts;
        this.states = states;
    }

    /** Call after the signed-in user changed their own credentials in this request. */
    public void keepThisSession(UUID accountId, HttpServletRequest request, HttpServletResponse response) {
        states.forget(accountId);
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof AccountPrincipal signedIn)
                || !signedIn.id().equals(accountId)) {
            return;
        }
        accounts.find(accountId).ifPresent(account -> {
            AccountPrincipal principal = new AccountPrincipal(account);
            UsernamePasswordAuthenticationToken renewed = UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, principal.getAuthorities());
            renewed.setDetails(current.getDetails());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(renewed);
            SecurityContextHolder.setContext(context);
            repository.saveContext(context, request, response);
        });
    }
}
