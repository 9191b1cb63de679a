package com.skillmirror.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/** Athlete and skill per file: picked ones are kept, blank ones are read from the file name when unambiguous. */
class UploadTaggingTest extends PortalTestSupport {

    @Test
    void blankTagsAreReadFromTheFileNameAndPickedOnesWin() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete ana = athlete(team, "Ana López");
        Athlete ben = athlete(team, "Ben");
        String body = mvc.perform(multipart("/api/uploads")
                        .file(new MockMultipartFile("files", "ana-lopez_Jumping Jack_03.mp4", "video/mp4", new byte[100]))
                        .file(new MockMultipartFile("files", "ana-lopez_squat.mp4", "video/mp4", new byte[100]))
                        .file(new MockMultipartFile("files", "IMG_0042.mov", "video/quicktime", new byte[100]))
                        .param("teamId", team.id().toString())
                        .param("athlete", "", ben.id().toString(), "")
                        .param("skill", "", "lunge", "")
                        .header("Authorization", bearer(token(coach))))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.videos[0].athlete").value("Ana López"))
                .andExpect(jsonPath("$.videos[0].skill").value("jumping-jack"))
                .andReturn().getResponse().getContentAsString();
        UUID uploadId = UUID.fromString(JSON.readValue(body, Map.class).get("uploadId").toString());

        List<Map<String, Object>> videos = jdbc.sql("SELECT athlete_id, athlete_name, skill_id FROM video"
                + " WHERE upload_id = ? ORDER BY position").param(uploadId).query().listOfRows();
        assertThat(videos.get(0)).containsEntry("athlete_id", ana.id()).containsEntry("skill_id", "jumping-jack");
        assertThat(videos.get(1)).as("picked tags win over the file name")
                .containsEntry("athlete_id", ben.id()).containsEntry("skill_id", "lunge");
        assertThat(videos.get(2)).as("a name that says nothing leaves the tags blank")
                .containsEntry("athlete_id", null).containsEntry("skill_id", null);
    }

    @Test
    void aBlankLeftOnPurposeStaysBlank() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        athlete(team, "Ana López");
        String body = mvc.perform(multipart("/api/uploads")
                        .file(new MockMultipartFile("files", "ana-lopez_squat.mp4", "video/mp4", new byte[100]))
                        .param("teamId", team.id().toString()).param("athlete", "").param("skill", "")
                        .param("tagsFromFileNames", "false")
                        .header("Authorization", bearer(token(coach))))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        UUID uploadId = UUID.fromString(JSON.readValue(body, Map.class).get("uploadId").toString());
        assertThat(jdbc.sql("SELECT athlete_id, skill_id FROM video WHERE upload_id = ?").param(uploadId).query()
                .singleRow()).containsEntry("athlete_id", null).containsEntry("skill_id", null);
    }

    @Test
    void thePagePreviewsTheSameTagsOnlyForWhoMayUploadThere() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete ana = athlete(team, "Ana López");
        String token = token(coach);
        mvc.perform(get("/api/uploads/tags").param("teamId", team.id().toString())
                        .param("file", "ana-lopez_Jumping Jack_03.mp4", "IMG_0042.mov").header("Authorization", bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].athleteId").value(ana.id().toString()))
                .andExpect(jsonPath("$[0].skillId").value("jumping-jack"))
                .andExpect(jsonPath("$[1].athleteId").doesNotExist())
                .andExpect(jsonPath("$[1].skillId").doesNotExist());
        // another team's coach learns nothing about this roster; an athlete does not upload; no token is 401
        mvc.perform(get("/api/uploads/tags").param("teamId", team.id().toString()).param("file", "ana.mp4")
                .header("Authorization", bearer(token(user(Role.COACH))))).andExpect(status().isNotFound());
        mvc.perform(get("/api/uploads/tags").param("file", "ana.mp4")
                .header("Authorization", bearer(token(user(Role.ATHLETE))))).andExpect(status().isForbidden());
        mvc.perform(get("/api/uploads/tags").param("file", "ana.mp4")).andExpect(status().isUnauthorized());
    }
}
