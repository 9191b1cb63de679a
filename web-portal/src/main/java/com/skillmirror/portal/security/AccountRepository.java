package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class AccountRepository {

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE username = ?").param(username).query(AccountRepository::map).optional();
    }

    public Optional<Account> find(UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = ?").param(id).query(AccountRepository::map).optional();
    }

    public List<Account> all() {
        return jdbc.sql("SELECT * FROM app_user ORDER BY username").query(AccountRepository::map).list();
    }

    public boolean anyAdmin() {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE role = 'ADMIN'").query(Long.class).single() > 0;
    }

    public Account insert(String username, String passwordHash, Role role, boolean mustChangePassword) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO app_user (id, username, password_hash, role, must_change_password) VALUES (?, ?, ?, ?, ?)")
                .params(id, username, passwordHash, role.name(), mustChangePassword).update();
        return new Account(id, username, passwordHash, role, 0, mustChangePassword);
    }

    /** Erases an athlete's account with the athlete (right to erasure); never another role's account. */
    public void deleteAthleteAccount(UUID id) {
        jdbc.sql("DELETE FROM app_user WHERE id = ? AND role = 'ATHLETE'").param(id).update();
    }

    /**
     * Sets a new hash chosen by the account's owner, ends every token and session issued before (new credentials
     * version) and revokes the refresh tokens.
     */
    @Transactional
    public int updatePassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, must_change_password = false WHERE id = ?")
                .params(passwordHash, id).update();
        return endSessions(id);
    }

    /** A new role; what the account was signed in with before ends, so no token or session keeps the old role. */
    @Transactional
    public boolean changeRole(UUID id, Role role) {
        if (jdbc.sql("UPDATE app_user SET role = ? WHERE id = ?").params(role.name(), id).update() == 0) {
            return false;
        }
        endSessions(id);
        return true;
    }

    /**
     * Ends every access token and page session of the account (they carry the old credentials version) and revokes
     * its refresh tokens; returns the new version.
     */
    @Transactional
    public int endSessions(UUID id) {
        int version = jdbc.sql("UPDATE app_user SET credentials_version = credentials_version + 1 WHERE id = ?"
                        + " RETURNING credentials_version").param(id).query(Integer.class).optional().orElse(-1);
        jdbc.sql("UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, now()) WHERE user_id = ?").param(id).update();
        return version;
    }

    private static Account map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), rs.getInt("credentials_version"), rs.getBoolean("must_change_password"));
    }
}
