package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

    public Account insert(String username, String passwordHash, Role role) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO app_user (id, username, password_hash, role) VALUES (?, ?, ?, ?)")
                .params(id, username, passwordHash, role.name()).update();
        return new Account(id, username, passwordHash, role);
    }

    /** Sets a new hash and revokes the account's refresh tokens. */
    public void updatePassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
        jdbc.sql("UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, now()) WHERE user_id = ?").param(id).update();
    }

    private static Account map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")));
    }
}
