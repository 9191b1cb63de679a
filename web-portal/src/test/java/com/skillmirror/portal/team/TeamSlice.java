package com.skillmirror.portal.team;

import com.skillmirror.portal.PortalCoreSlice;
import org.springframework.context.annotation.Import;

/** The team feature on the portal's core: its repository and service, on the real database; no web layer. */
@Import({PortalCoreSlice.class, TeamRepository.class, TeamService.class})
class TeamSlice {
}
