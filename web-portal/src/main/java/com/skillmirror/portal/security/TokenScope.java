package com.skillmirror.portal.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a personal access token may do, on top of what its owner may do: {@code read} (GET: reports, results,
 * lists), {@code upload} (create uploads, start analyses and comparisons, expert ingest), {@code admin} (the admin
 * endpoints; only an admin creates such a token, and it only works while its owner is still an admin).
 */
public enum TokenScope {
    READ, UPLOAD, ADMIN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TokenScope parse(String value) {
        for (TokenScope s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown scope '" + (value == null ? "" : value.length() > 20
                ? value.substring(0, 20) : value) + "': give read, upload or admin.");
    }

    static String join(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::value).collect(Collectors.joining(","));
    }

    static Set<TokenScope> split(String stored) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String s : stored.split(",")) {
            if (!s.isBlank()) {
                scopes.add(parse(s.strip()));
            }
        }
        return scopes;
    }
}
