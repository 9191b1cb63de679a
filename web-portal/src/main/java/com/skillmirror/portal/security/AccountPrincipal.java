package com.skillmirror.portal.security;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The session principal of a form login; carries the user id so requests reload the account by id. */
final class AccountPrincipal implements UserDetails, java.io.Serializable {

    private final UUID id;
    private final String username;
    private final transient String passwordHash;
    private final String authority;
    /** The account's credentials version at sign-in: a later password or role change ends this session. */
    private final int credentialsVersion;

    AccountPrincipal(Account account) {
        this.id = account.id();
        this.username = account.username();
        this.passwordHash = account.passwordHash();
        this.authority = account.role().authority();
        this.credentialsVersion = account.credentialsVersion();
    }

    UUID id() {
        return id;
    }

    int credentialsVersion() {
        return credentialsVersion;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(authority));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }
}
