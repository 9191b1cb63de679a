package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Role;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates accounts: checked usernames, passwords of a minimum length, hashed with the configured encoder (bcrypt). */
@Service
public class AccountService {

    static final int MIN_PASSWORD = 10;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;

    public AccountService(AccountRepository accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
    }

    /**
     * Changes a password after checking the current one (the bootstrap admin's printed one-time password is changed
     * this way); every token and page session of the account issued before ends (see AccountRepository.updatePassword).
     */
    public void changePassword(java.util.UUID userId, String current, String next) {
        Account account = accounts.find(userId).orElseThrow(() -> new IllegalArgumentException("No such account."));
        if (current == null || account.passwordHash() == null || !encoder.matches(current, account.passwordHash())) {
            throw new IllegalArgumentException("The current password is wrong.");
        }
        if (next == null || next.length() < MIN_PASSWORD || next.length() > 200) {
            throw new IllegalArgumentException("A password has " + MIN_PASSWORD + " to 200 characters.");
        }
        accounts.updatePassword(userId, encoder.encode(next));
    }

    public Account create(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A username is 3 to 100 letters, digits or . _ @ -");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new IllegalArgumentException("A password has " + MIN_PASSWORD + " to 200 characters.");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("The username '" + username + "' is taken.");
        }
        try {
            return accounts.insert(username, encoder.encode(password), role, false);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("The username '" + username + "' is taken.");
        }
    }
}
