package com.skillmirror.portal.team;

import java.util.UUID;

public record Team(UUID id, String name) {
}
