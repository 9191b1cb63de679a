package com.skillmirror.portal.team;

import java.util.UUID;

/** A roster entry; userId is set once the athlete has an account (joined by invite). */
public record Athlete(UUID id, UUID teamId, UUID userId, String name) {
}
