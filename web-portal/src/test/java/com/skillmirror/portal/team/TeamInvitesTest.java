package com.skillmirror.portal.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.portal.PortalSliceTest;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.security.Hashes;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Invite links on the real database: an athlete's link joins its own roster entry once, a used, expired or unknown
 * link joins nothing, and a refused join leaves no account behind (one transaction).
 */
@SpringBootTest(classes = TeamSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TeamInvitesTest extends PortalSliceTest {

    @Autowired
    TeamService teams;
    @Autowired
    TeamRepository repository;

    Actor coach;
    Team team;
    Athlete ana;

    @BeforeEach
    void teamWithAnAthlete() {
        coach = actor(account(Role.COACH));
        team = teams.create(coach, "Rowing " + fresh());
        ana = teams.addAthlete(coach, team.id(), "Ana " + fresh());
    }

    @Test
    void anAthletesInviteLinksItsOwnRosterEntryOnlyAndOnlyOnce() {
        // a username equal to another roster name must not hand that entry (and its videos) to the new account
        Athlete ben = teams.addAthlete(coach, team.id(), "ben-" + fresh());
        TeamService.Invite invite = teams.invite(coach, team.id(), Role.ATHLETE, ana.id());
        assertThat(teams.pending(invite.token())).hasValueSatisfying(pending -> {
            assertThat(pending.athleteId()).isEqualTo(ana.id());
            assertThat(pending.athleteName()).isEqualTo(ana.name());
            assertThat(pending.teamName()).isEqualTo(team.name());
        });

        Account joined = teams.accept(invite.token(), ben.name(), PASSWORD);

        assertThat(joined.role()).isEqualTo(Role.ATHLETE);
        assertThat(userOf(ana)).isEqualTo(joined.id());
        assertThat(userOf(ben)).isNull();
        assertThat(repository.members(team.id())).extracting(m -> m.get("id")).doesNotContain(joined.id());
        // used: no longer pending, and a second use makes nothing
        assertThat(teams.pending(invite.token())).isEmpty();
        String second = "second-" + fresh();
        assertThatThrownBy(() -> teams.accept(invite.token(), second, PASSWORD)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("unknown, used or expired");
        assertThat(accountExists(second)).isFalse();
        // and the entry, which has its account now, gets no new invite
        assertThatThrownBy(() -> teams.invite(coach, team.id(), Role.ATHLETE, ana.id()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has an account");
    }

    @Test
    void twoLinksForOneRosterEntryLinkItOnceAndTheLaterJoinLeavesNoAccount() {
        TeamService.Invite first = teams.invite(coach, team.id(), Role.ATHLETE, ana.id());
        TeamService.Invite second = teams.invite(coach, team.id(), Role.ATHLETE, ana.id());
        Account joined = teams.accept(first.token(), "ana-" + fresh(), PASSWORD);

        String late = "late-" + fresh();
        assertThatThrownBy(() -> teams.accept(second.token(), late, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has an account");

        assertThat(userOf(ana)).isEqualTo(joined.id());
        assertThat(accountExists(late)).as("the refused join's account, rolled back").isFalse();
    }

    @Test
    void aLinkWithoutARosterEntryAddsOneButNeverTakesAnExistingName() {
        Athlete cleo = teams.addAthlete(coach, team.id(), "cleo-" + fresh());
        TeamService.Invite invite = teams.invite(coach, team.id(), Role.ATHLETE, null);

        assertThatThrownBy(() -> teams.accept(invite.token(), cleo.name(), PASSWORD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has an athlete called");
        assertThat(accountExists(cleo.name())).isFalse();
        assertThat(teams.pending(invite.token())).as("the refused join used nothing up").isPresent();

        String newcomer = "dara-" + fresh();
        Account joined = teams.accept(invite.token(), newcomer, PASSWORD);
        assertThat(repository.athleteByName(team.id(), newcomer)).map(Athlete::userId).contains(joined.id());
        assertThat(userOf(cleo)).isNull();
    }

    @Test
    void anExpiredOrUnknownLinkJoinsNothing() {
        String token = Hashes.newToken();
        repository.insertInvite(Hashes.sha256(token), team.id(), Role.ATHLETE, ana.id(), coach.id(),
                Instant.now().minus(Duration.ofMinutes(1)));

        assertThat(teams.pending(token)).isEmpty();
        String late = "late-" + fresh();
        assertThatThrownBy(() -> teams.accept(token, late, PASSWORD)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("unknown, used or expired");
        assertThat(userOf(ana)).isNull();
        assertThat(accountExists(late)).isFalse();
        assertThat(teams.pending(Hashes.newToken())).isEmpty();
        assertThat(teams.pending(null)).isEmpty();
    }

    @Test
    void coachAndExpertLinksMakeMembersAndOnlyTheTeamsCoachesMakeLinks() {
        Account assistant = teams.accept(teams.invite(coach, team.id(), Role.COACH, null).token(), "asst-" + fresh(), PASSWORD);
        Account expert = teams.accept(teams.invite(coach, team.id(), Role.EXPERT, null).token(), "expert-" + fresh(), PASSWORD);

        assertThat(teams.members(coach, team.id())).extracting(m -> m.get("username"), m -> m.get("role"))
                .contains(org.assertj.core.groups.Tuple.tuple(assistant.username(), "COACH"),
                        org.assertj.core.groups.Tuple.tuple(expert.username(), "EXPERT"));
        assertThat(teams.visible(actor(assistant))).containsExactly(team);
        assertThatThrownBy(() -> teams.invite(actor(expert), team.id(), Role.ATHLETE, null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> teams.invite(actor(account(Role.COACH)), team.id(), Role.ATHLETE, null))
                .as("a coach of another team").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> teams.invite(coach, team.id(), Role.ADMIN, null))
                .isInstanceOf(IllegalArgumentException.class);
        Team other = teams.create(actor(account(Role.COACH)), "Judo " + fresh());
        Athlete theirs = repository.addAthlete(other.id(), "Kim " + fresh());
        assertThatThrownBy(() -> teams.invite(coach, team.id(), Role.ATHLETE, theirs.id()))
                .as("another team's roster entry").isInstanceOf(NotFoundException.class);
    }

    private UUID userOf(Athlete athlete) {
        return repository.athlete(athlete.id()).orElseThrow().userId();
    }

    private boolean accountExists(String username) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE username = ?").param(username).query(Long.class).single() > 0;
    }
}
