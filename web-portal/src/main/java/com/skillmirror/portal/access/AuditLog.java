package com.skillmirror.portal.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Rows of audit_log: logins, failed logins, denied access, exports, deletions, account changes. */
@Component
public class AuditLog {

    public static final String LOGIN = "LOGIN";
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    public static final String EXPORT = "EXPORT";
    public static final String DELETE = "DELETE";
    public static final String USER_CREATED = "USER_CREATED";
    public static final String TOKEN_REUSE = "TOKEN_REUSE";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String detail) {
        jdbc.sql("INSERT INTO audit_log (actor, action, target, detail) VALUES (?, ?, ?, ?)")
                .params(clean(actor, 100), action, clean(target, 200), clean(detail, Integer.MAX_VALUE)).update();
    }

    /**
     * Bounded, and without control characters: a sign-in with a NUL in its username must still be recorded (PostgreSQL
     * refuses NUL in text), and a CR/LF in a typed name must not forge lines when the log is read as text.
     */
    private static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        String visible = s.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "?");
        return visible.length() <= max ? visible : visible.substring(0, max);
    }
}
