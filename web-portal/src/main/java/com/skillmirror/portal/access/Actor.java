package com.skillmirror.portal.access;

import java.util.UUID;

/** The signed-in user a request acts for, loaded from the database on each request (so a deleted user is out at once). */
public record Actor(UUID id, String username, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Coaches and admins change rosters, upload and delete; experts only read the teams they belong to. */
    public boolean canManageTeams() {
        return role == Role.COACH || role == Role.ADMIN;
    }
}
