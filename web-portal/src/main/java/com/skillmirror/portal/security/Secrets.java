package com.skillmirror.portal.security;

/** How a configured secret appears in a settings record's toString: whether it is set, never its value. */
final class Secrets {

    private Secrets() {
    }

    static String mask(String secret) {
        return secret == null || secret.isBlank() ? "<unset>" : "<set>";
    }
}
