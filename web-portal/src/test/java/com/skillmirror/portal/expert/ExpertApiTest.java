package com.skillmirror.portal.expert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Ingest now, the expert database and comparing an analysed upload with an expert, through the API. */
class ExpertApiTest extends PortalTestSupport {

    static Path inbox;

    @DynamicPropertySource
    static void ingestFolder(DynamicPropertyRegistry registry) throws Exception {
        inbox = Files.createTempDirectory("skillmirror-inbox-");
        registry.add("skillmirror.ingest.folder", inbox::toString);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ingestListCompare() throws Exception {
        Path vtest = TestMedia.file("opencv_vtest_pedestrians.avi");
        Path drop = Files.createDirectories(inbox.resolve("walker"));
        for (int i = 0; i < 3; i++) {
            TestClips.excerpt(vtest, drop.resolve("take-" + i + ".mp4"), 60 + i * 0.5, 4, "crop=480:320:150:256,scale=960:640");
        }
        Files.writeString(drop.resolve("manifest.yaml"), """
                expert: {name: Walker from the OpenCV sample, credits: "opencv-doc vtest.avi", licence: "Apache-2.0/BSD"}
                skill: running-gait
                """);
        Account admin = user(Role.ADMIN);
        Account coach = user(Role.COACH);
        mvc.perform(post("/api/experts/ingest").header("Authorization", bearer(token(coach)))).andExpect(status().isForbidden());
        mvc.perform(get("/experts")).andExpect(status().isUnauthorized());

        String report = mvc.perform(post("/api/experts/ingest").header("Authorization", bearer(token(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(report).contains("\"INGESTED\"");

        List<Map<String, Object>> experts = JSON.readValue(mvc.perform(get("/experts")
                .header("Authorization", bearer(token(coach)))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(), List.class);
        assertThat(experts).singleElement().satisfies(e -> assertThat(e).containsEntry("name", "Walker from the OpenCV sample"));
        String expertId = (String) experts.get(0).get("id");
        Map<String, Object> expert = JSON.readValue(mvc.perform(get("/experts/" + expertId)
                .header("Authorization", bearer(token(coach)))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(), Map.class);
        assertThat((List<Map<String, Object>>) expert.get("patterns")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("skillId", "running-gait").containsEntry("source", "VIDEO"));

        // the coach uploads an athlete's take and compares it with the expert
        byte[] take = Files.readAllBytes(TestClips.excerpt(vtest, Files.createTempFile("athlete", ".mp4"), 61.2, 4,
                "crop=480:320:150:256,scale=960:640"));
        String created = mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "athlete.mp4",
                        "video/mp4", take)).param("skill", "running-gait").header("Authorization", bearer(token(coach))))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        Map<String, Object> upload = JSON.readValue(created, Map.class);
        String videoId = (String) ((List<Map<String, Object>>) upload.get("videos")).get(0).get("videoId");
        awaitFinished((String) upload.get("uploadId"), coach);
        // the job compared the take with this expert's pattern: the report shows the expert's key frames beside hers
        String reportHtml = mvc.perform(get("/api/videos/" + videoId + "/report.html").header("Authorization", bearer(token(coach))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(reportHtml).contains("alt=\"Expert: ").contains("Walker from the OpenCV sample");

        Map<String, Object> comparison = JSON.readValue(mvc.perform(post("/compare/" + videoId + "/" + expertId)
                .header("Authorization", bearer(token(coach)))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(), Map.class);
        assertThat(((Number) comparison.get("score")).doubleValue()).isBetween(50.0, 100.0);
        mvc.perform(post("/compare/" + videoId + "/" + expertId).header("Authorization", bearer(token(user(Role.COACH)))))
                .andExpect(status().isNotFound());

        // the same through the pages: the expert database lists the pattern and its takes, and the comparison page
        // runs the same comparison and shows its score, findings and per-feature results
        var session = session(coach);
        String library = mvc.perform(get("/expert-library").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(library).contains("Walker from the OpenCV sample").contains("<td>running-gait</td>").contains("<td>VIDEO</td>")
                .contains("<td>3</td>");
        assertThat(mvc.perform(get("/expert-library/" + expertId).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("opencv-doc vtest.avi").contains("Apache-2.0/BSD");
        String picker = mvc.perform(get("/comparisons").param("videoId", videoId).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(picker).contains("value=\"" + expertId + "\"").contains("athlete.mp4");
        String page = mvc.perform(get("/comparisons").param("videoId", videoId).param("expertId", expertId).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher score = java.util.regex.Pattern.compile("id=\"score\">(\\d+)<").matcher(page);
        assertThat(score.find()).as("the score on the page").isTrue();
        assertThat(Double.parseDouble(score.group(1))).isCloseTo(((Number) comparison.get("score")).doubleValue(),
                org.assertj.core.data.Offset.offset(0.5));
        for (Map<String, Object> joint : (List<Map<String, Object>>) comparison.get("joints")) {
            assertThat(page).contains("<td>" + joint.get("angle") + "</td>");
        }
        for (Map<String, Object> finding : (List<Map<String, Object>>) comparison.get("findings")) {
            assertThat(page).contains(org.springframework.web.util.HtmlUtils.htmlEscape((String) finding.get("message")));
        }
        mvc.perform(get("/comparisons").param("videoId", videoId).param("expertId", expertId).session(session(user(Role.COACH))))
                .andExpect(status().isNotFound());
    }

    private void awaitFinished(String uploadId, Account coach) throws Exception {
        // one sign-in for the whole wait: each account has a sign-in rate limit; generous, as machines differ 3-4x
        String token = token(coach);
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            Map<?, ?> status = JSON.readValue(mvc.perform(get("/api/uploads/" + uploadId)
                    .header("Authorization", bearer(token))).andReturn().getResponse().getContentAsString(), Map.class);
            if (List.of("COMPLETED", "PARTIAL", "FAILED").contains(status.get("status"))) {
                assertThat(status.get("status")).as(status.toString()).isEqualTo("COMPLETED");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("upload " + uploadId + " did not finish");
    }
}
