package com.skillmirror.portal.team;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.security.AccountService;
import com.skillmirror.portal.security.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams, rosters (by hand or CSV) and invite links, with the access checks applied. */
@Service
public class TeamService {

    static final int MAX_CSV_ROWS = 1000;
    static final Duration INVITE_TTL = Duration.ofDays(7);

    private final TeamRepository teams;
    private final AccessPolicy access;
    private final AccountService accounts;

    public TeamService(TeamRepository teams, AccessPolicy access, AccountService accounts) {
        this.teams = teams;
        this.access = access;
        this.accounts = accounts;
    }

    @Transactional
    public Team create(Actor actor, String name) {
        if (!actor.canManageTeams()) {
            throw new ForbiddenException("Only coaches and admins create teams.");
        }
        return teams.create(cleanName(name, "team name"), actor.id());
    }

    public Team get(Actor actor, UUID teamId) {
        access.requireTeam(actor, teamId);
        return teams.find(teamId).orElseThrow(() -> new NotFoundException("No team " + teamId));
    }

    public List<Athlete> roster(Actor actor, UUID teamId) {
        access.requireTeam(actor, teamId);
        return teams.athletes(teamId);
    }

    public Athlete addAthlete(Actor actor, UUID teamId, String name) {
        access.requireManageTeam(actor, teamId);
        return teams.addAthlete(teamId, cleanName(name, "athlete name"));
    }

    public record CsvResult(List<Athlete> added, List<String> skipped) {
    }

    /**
     * A roster from CSV with a header row holding a 'name' column (other columns are ignored); names already on the
     * roster and blank rows are skipped and reported, the rest added in one transaction.
     */
    @Transactional
    public CsvResult importCsv(Actor actor, UUID teamId, InputStream csv) throws IOException {
        access.requireManageTeam(actor, teamId);
        List<Athlete> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                .setTrim(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8); CSVParser parser = format.parse(reader)) {
            if (!parser.getHeaderMap().containsKey("name")) {
                throw new IllegalArgumentException("The CSV needs a header row with a 'name' column.");
            }
            int rows = 0;
            for (CSVRecord record : parser) {
                if (++rows > MAX_CSV_ROWS) {
                    throw new IllegalArgumentException("At most " + MAX_CSV_ROWS + " athletes per CSV file.");
                }
                String raw = record.isMapped("name") && record.isSet("name") ? record.get("name") : "";
                String name = raw.replaceAll("\\p{Cntrl}", "").strip();
                if (name.isEmpty()) {
                    skipped.add("row " + (record.getRecordNumber() + 1) + ": no name");
                } else if (name.length() > 200) {
                    skipped.add("row " + (record.getRecordNumber() + 1) + ": name over 200 characters");
                } else if (teams.athleteByName(teamId, name).isPresent()) {
                    skipped.add(name + ": already on the roster");
                } else {
                    added.add(teams.addAthlete(teamId, name));
                }
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("The file is not valid CSV: " + e.getMessage());
        }
        return new CsvResult(added, skipped);
    }

    public record Invite(String token, Role role, Instant expiresAt) {
    }

    /** An invite link into the team; for an athlete it may be tied to their roster entry. Only the hash is stored. */
    public Invite invite(Actor actor, UUID teamId, Role role, UUID athleteId) {
        access.requireManageTeam(actor, teamId);
        if (role == null || role == Role.ADMIN) {
            throw new IllegalArgumentException("Invite as ATHLETE, COACH or EXPERT.");
        }
        if (athleteId != null) {
            Athlete athlete = teams.athlete(athleteId).filter(a -> teamId.equals(a.teamId()))
                    .orElseThrow(() -> new NotFoundException("No athlete " + athleteId + " in this team"));
            if (athlete.userId() != null) {
                throw new IllegalArgumentException("This athlete already has an account.");
            }
        }
        String token = Hashes.newToken();
        Instant expires = Instant.now().plus(INVITE_TTL);
        teams.insertInvite(Hashes.sha256(token), teamId, role, athleteId, actor.id(), expires);
        return new Invite(token, role, expires);
    }

    /** The invite behind a link if it is unused and unexpired. */
    public Optional<PendingInvite> pending(String token) {
        return teams.pendingInvite(Hashes.sha256(token == null ? "" : token));
    }

    /** Creates the invited account and joins it to the team: an athlete to their roster entry, others as members. */
    @Transactional
    public Account accept(String token, String username, String password) {
        PendingInvite invite = pending(token).orElseThrow(() -> new NotFoundException("This invite link is unknown, used or expired."));
        if (!teams.claimInvite(Hashes.sha256(token))) {
            throw new NotFoundException("This invite link is unknown, used or expired.");
        }
        Account account = accounts.create(username, password, invite.role());
        teams.recordInviteUser(Hashes.sha256(token), account.id());
        if (invite.role() == Role.ATHLETE) {
            // only the invite's own roster entry, and only while it has no account: a roster name equal to the chosen
            // username must never hand someone else's videos to the new account
            if (invite.athleteId() == null && teams.athleteByName(invite.teamId(), username).isPresent()) {
                throw new IllegalArgumentException("The team already has an athlete called '" + username + "'. Choose"
                        + " another username, or ask your coach for an invite made for that roster entry.");
            }
            UUID athleteId = invite.athleteId() != null ? invite.athleteId()
                    : teams.addAthlete(invite.teamId(), username).id();
            if (!teams.linkUnclaimed(athleteId, account.id())) {
                throw new IllegalArgumentException("This athlete already has an account. Ask your coach for a new invite.");
            }
        } else {
            teams.addMember(invite.teamId(), account.id());
        }
        return account;
    }

    public List<Map<String, Object>> members(Actor actor, UUID teamId) {
        access.requireTeam(actor, teamId);
        return teams.members(teamId);
    }

    public List<Team> visible(Actor actor) {
        return teams.visibleTo(actor);
    }

    static String cleanName(String name, String what) {
        String n = name == null ? "" : name.replaceAll("\\p{Cntrl}", "").strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new IllegalArgumentException("A " + what + " has 1 to 200 characters.");
        }
        return n;
    }
}
