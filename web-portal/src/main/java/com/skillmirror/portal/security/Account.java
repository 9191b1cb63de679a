package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Role;
import java.util.UUID;

/** A row of app_user. */
public record Account(UUID id, String username, String passwordHash, Role role) {
}
