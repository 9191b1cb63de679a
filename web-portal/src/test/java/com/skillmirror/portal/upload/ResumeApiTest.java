package com.skillmirror.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
import org.springframework.mock.web.MockMultipartFile;

/**
 * POST /api/uploads/{id}/resume: only the upload's coach (or an admin) resumes it; a failed job is restarted as a new
 * execution that ends the upload; a completed one is left alone.
 */
class ResumeApiTest extends PortalTestSupport {

    @Test
    void onlyTheUploadsCoachResumesAndAFailedJobContinuesAsANewExecution() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String token = bearer(token(coach));
        String body = mvc.perform(multipart("/api/uploads")
                        .file(new MockMultipartFile("files", "a.mp4", "video/mp4", new byte[100]))
                        .param("teamId", team.id().toString()).header("Authorization", token))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        UUID uploadId = UUID.fromString(JSON.readValue(body, Map.class).get("uploadId").toString());
        String url = "/api/uploads/" + uploadId + "/resume";
        // 100 zero bytes are no video: the video fails on its own and the job completes
        awaitUploadEnded(uploadId);
        long first = jobExecution(uploadId);

        mvc.perform(post(url).header("Authorization", bearer(token(user(Role.COACH)))))
                .andExpect(status().isNotFound());
        mvc.perform(post(url).header("Authorization", token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.action").value("completed"));
        assertThat(jobExecution(uploadId)).isEqualTo(first);

        // as if a service had been away past the retries: the job failed, the upload with it
        jdbc.sql("UPDATE batch_job_execution SET status = 'FAILED', exit_code = 'FAILED' WHERE job_execution_id = ?")
                .param(first).update();
        jdbc.sql("UPDATE upload SET status = 'FAILED' WHERE id = ?").param(uploadId).update();
        mvc.perform(post(url).header("Authorization", token)).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.action").value("resumed"));
        // it resumes in the background: a new execution takes the upload over, then ends it
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (jobExecution(uploadId) == first && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jobExecution(uploadId)).as("the resumed execution").isNotEqualTo(first);
        awaitUploadEnded(uploadId);
        assertThat(jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?")
                .param(jobExecution(uploadId)).query(String.class).single()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).single())
                .as("its only video failed on its own").isEqualTo("FAILED");
    }

    private void awaitUploadEnded(UUID uploadId) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            String upload = jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).single();
            Long execution = jdbc.sql("SELECT job_execution_id FROM upload WHERE id = ?").param(uploadId)
                    .query(Long.class).optional().orElse(null);
            boolean jobEnded = execution != null && jdbc.sql("SELECT end_time IS NOT NULL FROM batch_job_execution"
                    + " WHERE job_execution_id = ?").param(execution).query(Boolean.class).single();
            if (List.of("COMPLETED", "PARTIAL", "FAILED").contains(upload) && jobEnded) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("upload " + uploadId + " did not end within 3 minutes");
    }

    private long jobExecution(UUID uploadId) {
        return jdbc.sql("SELECT job_execution_id FROM upload WHERE id = ?").param(uploadId).query(Long.class).single();
    }
}
