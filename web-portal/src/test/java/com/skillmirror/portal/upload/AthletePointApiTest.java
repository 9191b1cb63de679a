package com.skillmirror.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Team;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The athlete point through the API: given per file at upload, checked (numbers in 0..1 only) before anything is
 * stored, changed later only by who may manage the video's team, and a change after the analysis started analyses
 * the video again as a new analysis carrying the point.
 */
class AthletePointApiTest extends PortalTestSupport {

    @Test
    void aPointGivenAtUploadIsKeptPerFileAndABadOneStoresNothing() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String token = bearer(token(coach));
        String body = mvc.perform(multipart("/api/uploads")
                        .file(new MockMultipartFile("files", "a.mp4", "video/mp4", new byte[100]))
                        .file(new MockMultipartFile("files", "b.mp4", "video/mp4", new byte[100]))
                        .param("teamId", team.id().toString()).param("athletePoint", "0.3,0.62", "")
                        .header("Authorization", token))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        UUID uploadId = UUID.fromString(JSON.readValue(body, Map.class).get("uploadId").toString());
        var rows = jdbc.sql("SELECT athlete_x, athlete_y FROM video WHERE upload_id = ? ORDER BY position")
                .param(uploadId).query().listOfRows();
        assertThat(rows.get(0)).containsEntry("athlete_x", 0.3).containsEntry("athlete_y", 0.62);
        assertThat(rows.get(1)).containsEntry("athlete_x", null);

        long uploads = jdbc.sql("SELECT count(*) FROM upload").query(Long.class).single();
        for (String bad : new String[] {"1.5,0.2", "NaN,0.5", "0.5", "1e-1,0.2", "0.5,0.5,0.5"}) {
            mvc.perform(multipart("/api/uploads")
                            .file(new MockMultipartFile("files", "c.mp4", "video/mp4", new byte[100]))
                            .param("teamId", team.id().toString()).param("athletePoint", bad)
                            .header("Authorization", token))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("between 0 and 1"),
                            org.hamcrest.Matchers.containsString("nothing was stored"))));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM upload").query(Long.class).single()).isEqualTo(uploads);
    }

    @Test
    void onlyWhoManagesTheTeamChangesThePointAndAnAnalysedVideoIsAnalysedAgain() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String token = bearer(token(coach));
        String body = mvc.perform(multipart("/api/uploads")
                        .file(new MockMultipartFile("files", "a.mp4", "video/mp4", new byte[100]))
                        .param("teamId", team.id().toString()).header("Authorization", token))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        Map<?, ?> created = JSON.readValue(body, Map.class);
        UUID uploadId = UUID.fromString(created.get("uploadId").toString());
        String videoId = ((Map<?, ?>) ((java.util.List<?>) created.get("videos")).get(0)).get("videoId").toString();
        String url = "/api/videos/" + videoId + "/athlete-point";

        // another team's coach does not see the video; numbers only
        mvc.perform(put(url).contentType(MediaType.APPLICATION_JSON).content("{\"athletePoint\":\"0.5,0.5\"}")
                .header("Authorization", bearer(token(user(Role.COACH))))).andExpect(status().isNotFound());
        mvc.perform(put(url).contentType(MediaType.APPLICATION_JSON).content("{\"athletePoint\":\"0.5,x\"}")
                .header("Authorization", token)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("between 0 and 1")));

        // the upload's analysis starts on arrival (and fails: 100 zero bytes are no video); once it has ended, a new
        // point analyses the video again
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!List.of("COMPLETED", "FAILED").contains(videoStatus(videoId)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(videoStatus(videoId)).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT job_execution_id FROM upload WHERE id = ?").param(uploadId).query(Long.class)
                .optional()).isPresent();
        // while an analysis runs, a change would start a second one beside it: refused, saying when to try again
        jdbc.sql("UPDATE video SET status = 'PROCESSING' WHERE id = ?").param(UUID.fromString(videoId)).update();
        mvc.perform(put(url).contentType(MediaType.APPLICATION_JSON).content("{\"athletePoint\":\"0.25,0.5\"}")
                        .header("Authorization", token)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("still being analysed")));
        jdbc.sql("UPDATE video SET status = 'FAILED' WHERE id = ?").param(UUID.fromString(videoId)).update();
        String changed = mvc.perform(put(url).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"athletePoint\":\"0.25,0.5\"}").header("Authorization", token))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.athletePoint").value("0.2500,0.5000"))
                .andReturn().getResponse().getContentAsString();
        Map<?, ?> again = (Map<?, ?>) JSON.readValue(changed, Map.class).get("reanalysis");
        UUID newVideo = UUID.fromString(again.get("videoId").toString());
        assertThat(jdbc.sql("SELECT athlete_x FROM video WHERE id = ?").param(newVideo).query(Double.class).single())
                .isEqualTo(0.25);
        mvc.perform(get("/api/videos/" + newVideo + "/athlete-point").header("Authorization", token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.athletePoint").value("0.2500,0.5000"));
        // the same point sent again (a double click) is no second analysis
        int videosBefore = videoCount();
        mvc.perform(put(url).contentType(MediaType.APPLICATION_JSON).content("{\"athletePoint\":\"0.25,0.5\"}")
                        .header("Authorization", token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.action").value(org.hamcrest.Matchers.startsWith("unchanged")));
        assertThat(videoCount()).isEqualTo(videosBefore);
    }

    private String videoStatus(String videoId) {
        return jdbc.sql("SELECT status FROM video WHERE id = ?").param(UUID.fromString(videoId)).query(String.class)
                .single();
    }

    private int videoCount() {
        return jdbc.sql("SELECT count(*) FROM video").query(Integer.class).single();
    }
}
