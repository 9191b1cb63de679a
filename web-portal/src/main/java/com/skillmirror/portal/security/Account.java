package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Role;
import java.util.UUID;

/**
 * A row of app_user. credentialsVersion is raised by a password or role change and by a sign-out everywhere; tokens
 * and page sessions carry the version they were issued under and stop working once it moves on.
 */
public record Account(UUID id, String username, String passwordHash, Role role, int credentialsVersion,
                      boolean mustChangePassword) {
}
