package com.skillmirror.portal.access;

/** The four roles of app_user.role. */
public enum Role {
    ATHLETE, COACH, EXPERT, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
