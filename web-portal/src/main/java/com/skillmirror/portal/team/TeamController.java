package com.skillmirror.portal.team;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Teams and rosters over the API. */
@RestController
@RequestMapping({"/api/teams", "/web/teams"})
@Tag(name = "teams", description = "Teams, rosters and invite links")
class TeamController {

    static final long MAX_CSV_BYTES = 1024 * 1024;

    private final TeamService teams;

    TeamController(TeamService teams) {
        this.teams = teams;
    }

    record NewTeam(String name) {
    }

    record NewAthlete(String name) {
    }

    record NewInvite(Role role, UUID athleteId) {
    }

    @GetMapping
    @Operation(summary = "Teams you belong to (all teams for admins)")
    List<Team> list(Actor actor) {
        return teams.visible(actor);
    }

    @PostMapping
    @Operation(summary = "Create a team (coaches and admins); you become its member")
    ResponseEntity<Team> create(@RequestBody NewTeam team, Actor actor) {
        return ResponseEntity.status(HttpStatus.CREATED).body(teams.create(actor, team.name()));
    }

    @GetMapping("/{teamId}")
    @Operation(summary = "A team with its members and roster")
    Map<String, Object> get(@PathVariable UUID teamId, Actor actor) {
        Team team = teams.get(actor, teamId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", team.id());
        out.put("name", team.name());
        out.put("members", teams.members(actor, teamId));
        out.put("athletes", teams.roster(actor, teamId));
        return out;
    }

    @GetMapping("/{teamId}/athletes")
    @Operation(summary = "The team's roster")
    List<Athlete> roster(@PathVariable UUID teamId, Actor actor) {
        return teams.roster(actor, teamId);
    }

    @PostMapping(path = "/{teamId}/athletes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add an athlete to the roster by name")
    ResponseEntity<Athlete> addAthlete(@PathVariable UUID teamId, @RequestBody NewAthlete athlete, Actor actor) {
        return ResponseEntity.status(HttpStatus.CREATED).body(teams.addAthlete(actor, teamId, athlete.name()));
    }

    @PostMapping(path = "/{teamId}/athletes/csv", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add athletes from a CSV file with a 'name' column")
    TeamService.CsvResult importCsv(@PathVariable UUID teamId, @RequestParam("file") MultipartFile file, Actor actor)
            throws IOException {
        if (file.getSize() > MAX_CSV_BYTES) {
            throw new IllegalArgumentException("A roster CSV is at most 1 MB.");
        }
        return teams.importCsv(actor, teamId, file.getInputStream());
    }

    @PostMapping("/{teamId}/invites")
    @Operation(summary = "Create an invite link (valid 7 days, single use)")
    ResponseEntity<Map<String, Object>> invite(@PathVariable UUID teamId, @RequestBody NewInvite invite, Actor actor) {
        TeamService.Invite created = teams.invite(actor, teamId, invite.role(), invite.athleteId());
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/invite/{token}")
                .buildAndExpand(created.token()).toUriString();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("url", url, "role", created.role(), "expiresAt", created.expiresAt().toString()));
    }
}
