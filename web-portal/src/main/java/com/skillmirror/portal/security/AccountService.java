package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Role;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates accounts: checked usernames, passwords by {@link PasswordPolicy}, hashed with the configured encoder (Argon2id). */
@Service
public class AccountService {

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
        if (next != null && next.equals(current)) {
            throw new IllegalArgumentException("The new password is the current one; choose a different one.");
        }
        PasswordPolicy.check(account.username(), next);
        accounts.updatePassword(userId, encoder.encode(next));
    }

    /** An account whose owner chose the password (an invite, a test fixture). */
    public Account create(String username, String password, Role role) {
        return create(username, password, role, false);
    }

    /**
     * An account with a password someone else chose (the first admin, an admin creating an account): its owner must
     * change it before anything else works.
     */
    public Account createWithPasswordToChange(String username, String password, Role role) {
        return create(username, password, role, true);
    }

    private Account create(String username, String password, Role role, boolean mustChangePassword) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A username is 3 to 100 letters, digits or . _ @ -");
        }
        PasswordPolicy.check(username, password);
        if (accounts.findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("The username '" + username + "' is taken.");
        }
        try {
            return accounts.insert(username, encoder.encode(password), role, mustChangePassword);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("The username '" + username + "' is taken.");
        }
    }
}
