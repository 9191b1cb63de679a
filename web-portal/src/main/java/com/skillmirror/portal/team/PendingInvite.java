package com.skillmirror.portal.team;

import com.skillmirror.portal.access.Role;
import java.util.UUID;

/** An unused, unexpired invite into a team, as its link shows it; for an athlete maybe tied to a roster entry. */
public record PendingInvite(UUID teamId, String teamName, Role role, UUID athleteId, String athleteName) {
}
