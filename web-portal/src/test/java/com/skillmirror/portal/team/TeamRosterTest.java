package com.skillmirror.portal.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.portal.PortalSliceTest;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Rosters and members on the real database: names are cleaned, a CSV adds the new names and says why it skipped the
 * others, members of the team may read it, only its coaches change it, and to everyone else it does not exist.
 * Same configuration as {@link TeamInvitesTest}, so the two share one context.
 */
@SpringBootTest(classes = TeamSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TeamRosterTest extends PortalSliceTest {

    @Autowired
    TeamService teams;
    @Autowired
    TeamRepository repository;

    Actor coach;
    Team team;

    @BeforeEach
    void team() {
        coach = actor(account(Role.COACH));
        team = teams.create(coach, "  Swim\u0007 squad " + fresh() + " ");
    }

    @Test
    void namesAreCleanedAndBlankOrOverlongOnesRefused() {
        assertThat(team.name()).startsWith("Swim squad ").doesNotEndWith(" ");
        assertThat(teams.addAthlete(coach, team.id(), "\tDana\u0000 ").name()).isEqualTo("Dana");
        assertThatThrownBy(() -> teams.addAthlete(coach, team.id(), " \u0007 "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 200 characters");
        assertThatThrownBy(() -> teams.addAthlete(coach, team.id(), "x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(teams.roster(coach, team.id())).extracting(Athlete::name).containsExactly("Dana");
    }

    @Test
    void aCsvAddsNewNamesAndSaysWhyItSkippedTheRest() throws Exception {
        teams.addAthlete(coach, team.id(), "Dana");
        String csv = "Number,NAME\n1,Eve\n\n2,Dana\n3, \n4,Finn\n";

        TeamService.CsvResult result = teams.importCsv(coach, team.id(),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.added()).extracting(Athlete::name).containsExactly("Eve", "Finn");
        assertThat(result.skipped()).containsExactly("Dana: already on the roster", "row 4: no name");
        assertThat(teams.roster(coach, team.id())).extracting(Athlete::name).containsExactly("Dana", "Eve", "Finn");
        assertThatThrownBy(() -> teams.importCsv(coach, team.id(),
                new ByteArrayInputStream("first,last\nGus,Grey\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name' column");
        assertThat(teams.roster(coach, team.id())).hasSize(3);
    }

    @Test
    void membersReadTheTeamOnlyItsCoachesChangeItAndToOthersItDoesNotExist() {
        Actor expert = actor(account(Role.EXPERT));
        repository.addMember(team.id(), expert.id());
        Actor stranger = actor(account(Role.COACH));
        Team theirs = teams.create(stranger, "Judo " + fresh());

        assertThat(teams.members(coach, team.id())).extracting(m -> m.get("username"))
                .containsExactlyInAnyOrder(coach.username(), expert.username());
        assertThat(teams.get(expert, team.id())).isEqualTo(team);
        assertThatThrownBy(() -> teams.addAthlete(expert, team.id(), "Hal")).isInstanceOf(ForbiddenException.class);
        assertThat(audited("ACCESS_DENIED", expert.username(), "team:" + team.id())).isEqualTo(1);

        assertThatThrownBy(() -> teams.roster(stranger, team.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("No team " + team.id());
        assertThatThrownBy(() -> teams.addAthlete(stranger, team.id(), "Hal")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> teams.get(coach, UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThat(teams.roster(coach, team.id())).isEmpty();

        assertThat(teams.visible(coach)).containsExactly(team);
        assertThat(teams.visible(stranger)).containsExactly(theirs);
        assertThat(teams.visible(actor(account(Role.ADMIN)))).contains(team, theirs);
        assertThatThrownBy(() -> teams.create(expert, "Experts only")).isInstanceOf(ForbiddenException.class);
    }

    private long audited(String action, String actor, String target) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = ? AND actor = ? AND target = ?")
                .params(action, actor, target).query(Long.class).single();
    }
}
