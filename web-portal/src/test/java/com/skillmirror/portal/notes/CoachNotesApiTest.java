package com.skillmirror.portal.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.notes.CoachNotes;
import com.skillmirror.notes.NoteDraft;
import com.skillmirror.notes.NoteKind;
import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The coach's notes on a real clip analysed by the real job on the real database: each kind added, listed (the
 * athlete sees them), drawn into its frame, listed in the report's HTML and PDF, deleted; every attack the feature
 * invites refused; the athlete's export holds the notes and their frames and erasing her removes them. One clip is
 * analysed for the class (in order: the erasure comes last).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoachNotesApiTest extends PortalTestSupport {

    @Autowired
    CoachNotes notes;
    @Autowired
    ObjectStorage storage;

    /** The annotated frame and the report with the notes, kept for a look after the run. */
    static final Path KEPT = Path.of("target", "coach-notes");

    static Account coach;
    static Account herAccount;
    static Team team;
    static Athlete ana;
    static UUID videoId;
    static UUID uploadId;

    /** A walker from the OpenCV sample, 3 s, analysed once for the class as Ana's running gait. */
    private void analysed() throws Exception {
        if (videoId != null) {
            return;
        }
        coach = user(Role.COACH);
        team = team(coach);
        ana = athlete(team, "Ana " + UUID.randomUUID().toString().substring(0, 6));
        herAccount = user(Role.ATHLETE);
        assertThat(teams.linkUnclaimed(ana.id(), herAccount.id())).isTrue();
        byte[] take = Files.readAllBytes(TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"),
                Files.createTempFile("walker", ".mp4"), 61.2, 3, "crop=480:320:150:256,scale=960:640"));
        String token = token(coach);
        String created = mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "walk.mp4",
                        "video/mp4", take)).param("teamId", team.id().toString()).param("athlete", ana.id().toString())
                        .param("skill", "running-gait").header("Authorization", bearer(token)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        Map<?, ?> upload = JSON.readValue(created, Map.class);
        uploadId = UUID.fromString(upload.get("uploadId").toString());
        long deadline = System.currentTimeMillis() + 600_000;
        String state = null;
        while (System.currentTimeMillis() < deadline) {
            state = jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).single();
            if (List.of("COMPLETED", "PARTIAL", "FAILED").contains(state)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(state).as("the clip's analysis").isEqualTo("COMPLETED");
        videoId = UUID.fromString(((Map<?, ?>) ((List<?>) upload.get("videos")).get(0)).get("videoId").toString());
    }

    @Test
    @Order(1)
    void eachKindIsAddedListedDrawnAndListedInTheReportThenDeleted() throws Exception {
        analysed();
        String token = bearer(token(coach));
        String url = "/api/videos/" + videoId + "/notes";
        // the line is added first but lies last on the video: notes are listed in time order, not as added
        Map<String, Object> line = add(url, token, note(2500, "LINE", "[[0.1,0.8],[0.9,0.8]]", "ground line"), 201);
        Map<String, Object> angle = add(url, token, note(1500, "ANGLE", "[[0.3,0.5],[0.5,0.5],[0.7,0.3]]",
                "knee caves in"), 201);
        Map<String, Object> text = add(url, token, note(2000, "TEXT", "[[0.6,0.4]]", "Hips lower\non the turn"), 201);
        assertThat(line).containsEntry("kind", "LINE").containsEntry("angleDeg", null)
                .containsEntry("author", coach.username()).containsEntry("videoId", videoId.toString())
                .containsEntry("frameUrl", "/api/videos/" + videoId + "/notes/" + line.get("id") + "/frame.jpg");
        assertThat(text).containsEntry("text", "Hips lower\non the turn").containsEntry("timeMs", 2000);

        // the angle is measured in picture pixels: the frame is the proxy picture, so its size gives the expected value
        byte[] jpeg = mvc.perform(get("/api/videos/" + videoId + "/notes/" + angle.get("id") + "/frame.jpg")
                .header("Authorization", token)).andReturn().getResponse().getContentAsByteArray();
        Files.createDirectories(KEPT);
        Files.write(KEPT.resolve("angle-note.jpg"), jpeg);
        BufferedImage frame = image(get("/api/videos/" + videoId + "/notes/" + angle.get("id") + "/frame.jpg"),
                bearer(token(herAccount)));
        int w = frame.getWidth();
        int h = frame.getHeight();
        double expected = Math.toDegrees(Math.acos((-0.2 * w * 0.2 * w) / (0.2 * w * Math.hypot(0.2 * w, 0.2 * h))));
        assertThat(((Number) angle.get("angleDeg")).doubleValue()).isCloseTo(Math.round(expected * 10) / 10.0,
                org.assertj.core.data.Offset.offset(0.051));
        // the drawing is burned in: the vertex is painted in the notes' yellow
        int vertex = frame.getRGB(w / 2, h / 2);
        assertThat(new int[] {vertex >> 16 & 255, vertex >> 8 & 255, vertex & 255}).as("RGB at the vertex")
                .satisfies(rgb -> assertThat(rgb[0] > 200 && rgb[1] > 160 && rgb[2] < 120).isTrue());

        // the athlete sees them in time order on the video (the player and the report list them so), over /web too
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = JSON.readValue(mvc.perform(get(url).header("Authorization", bearer(token(herAccount))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), List.class);
        assertThat(listed).extracting(n -> (String) n.get("id")).containsExactly((String) angle.get("id"),
                (String) text.get("id"), (String) line.get("id"));
        mvc.perform(get("/web/videos/" + videoId + "/notes").session(session(herAccount))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].frameUrl").value(containsString("/web/videos/" + videoId + "/notes/")));

        // the report was rendered again with them: the PDF holds the words and the angle, the HTML the frames
        String angleText = String.format(Locale.ROOT, "%.1f°", ((Number) angle.get("angleDeg")).doubleValue());
        byte[] pdfBytes = mvc.perform(get("/api/videos/" + videoId + "/files/report-pdf").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Files.write(KEPT.resolve("report-with-notes.pdf"), pdfBytes);
        String pdf = pdfText(pdfBytes);
        assertThat(pdf).contains("Coach's notes", "knee caves in", "Angle: " + angleText, "ground line",
                "Hips lower on the turn", coach.username());
        String html = reportHtml(token);
        assertThat(html).contains("Coach's notes");
        assertThat(count(html, "class=\"note-frame\" src=\"data:image/jpeg;base64,")).isEqualTo(3);

        // deleted: gone from the list, its frame from storage, the report rendered again without it
        mvc.perform(delete(url + "/" + line.get("id")).header("Authorization", token)).andExpect(status().isNoContent());
        assertThat(notes.list(videoId)).extracting(n -> n.id().toString()).containsExactly((String) angle.get("id"),
                (String) text.get("id"));
        assertThat(storage.exists(StorageKeys.coachNoteFrame(uploadId, videoId, UUID.fromString((String) line.get("id")))))
                .isFalse();
        mvc.perform(get(url + "/" + line.get("id") + "/frame.jpg").header("Authorization", token))
                .andExpect(status().isNotFound());
        html = reportHtml(token);
        assertThat(count(html, "class=\"note-frame\"")).isEqualTo(2);
        assertThat(html).doesNotContain("ground line");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'NOTE_ADDED' AND target = ?")
                .param("video:" + videoId).query(Long.class).single()).isEqualTo(3);
        assertFramesAreTheNotes();
    }

    @Test
    @Order(2)
    void aNoteAddedBeforeTheUploadEndsIsInTheVideosReport() throws Exception {
        analysed();
        String token = bearer(token(coach));
        // the upload completes only when its last video does: this video has its report while its status is still
        // PROCESSING (another video of the upload being analysed), and a note added then must reach the report
        jdbc.sql("UPDATE video SET status = 'PROCESSING' WHERE id = ?").param(videoId).update();
        try {
            Map<String, Object> early = add("/api/videos/" + videoId + "/notes", token,
                    note(900, "TEXT", "[[0.5,0.2]]", "added while the upload runs"), 201);
            String html = reportHtml(token);
            assertThat(html).contains("added while the upload runs");
            mvc.perform(delete("/api/videos/" + videoId + "/notes/" + early.get("id")).header("Authorization", token))
                    .andExpect(status().isNoContent());
            assertThat(reportHtml(token)).doesNotContain("added while the upload runs");
        } finally {
            jdbc.sql("UPDATE video SET status = 'COMPLETED' WHERE id = ?").param(videoId).update();
        }
        assertFramesAreTheNotes();
    }

    @Test
    @Order(3)
    void whoMayNotWriteOrSeeIsRefused() throws Exception {
        analysed();
        String url = "/api/videos/" + videoId + "/notes";
        String body = note(500, "TEXT", "[]", "from the wrong person");
        int before = notes.count(videoId);
        // the athlete reads, never writes or deletes
        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Authorization", bearer(token(herAccount)))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value(containsString("coaches of its team")));
        // who may not write learns that before anything about the body: a broken note is a 403 for her too
        for (String broken : List.of("[1,2,3]", "{\"timeMs\": \"soon\"", "", note(100, "TEXT", "[]", "x".repeat(600)))) {
            mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content(broken)
                    .header("Authorization", bearer(token(herAccount)))).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.error").value(containsString("coaches of its team")));
        }
        // a note is JSON: another type is refused before anything is read, and nothing is stored
        mvc.perform(post(url).contentType(MediaType.TEXT_PLAIN).content(body)
                .header("Authorization", bearer(token(coach)))).andExpect(status().isUnsupportedMediaType());
        Map<String, Object> mine = add(url, bearer(token(coach)), body, 201);
        mvc.perform(delete(url + "/" + mine.get("id")).header("Authorization", bearer(token(herAccount))))
                .andExpect(status().isForbidden());
        // another team's coach sees nothing of it
        String stranger = bearer(token(user(Role.COACH)));
        mvc.perform(get(url).header("Authorization", stranger)).andExpect(status().isNotFound());
        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content(body).header("Authorization", stranger))
                .andExpect(status().isNotFound());
        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content("[1,2,3]").header("Authorization", stranger))
                .andExpect(status().isNotFound());
        mvc.perform(get(url + "/" + mine.get("id") + "/frame.jpg").header("Authorization", stranger))
                .andExpect(status().isNotFound());
        mvc.perform(delete(url + "/" + mine.get("id")).header("Authorization", stranger))
                .andExpect(status().isNotFound());
        // an expert of the team reads but does not write
        Account expert = user(Role.EXPERT);
        teams.addMember(team.id(), expert.id());
        mvc.perform(get(url).header("Authorization", bearer(token(expert)))).andExpect(status().isOk());
        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Authorization", bearer(token(expert)))).andExpect(status().isForbidden());
        // a note of this video under another video of the same team is not found there
        UUID other = uploadWithVideo(team, coach, ana)[1];
        mvc.perform(get("/api/videos/" + other + "/notes/" + mine.get("id") + "/frame.jpg")
                .header("Authorization", bearer(token(coach)))).andExpect(status().isNotFound());
        mvc.perform(delete("/api/videos/" + other + "/notes/" + mine.get("id"))
                .header("Authorization", bearer(token(coach)))).andExpect(status().isNotFound());
        assertThat(notes.find(videoId, UUID.fromString((String) mine.get("id")))).isPresent();
        // /web needs the session's CSRF token for every write
        var session = session(coach);
        mvc.perform(post("/web/videos/" + videoId + "/notes").session(session).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isForbidden());
        mvc.perform(delete("/web/videos/" + videoId + "/notes/" + mine.get("id")).session(session))
                .andExpect(status().isForbidden());
        String made = mvc.perform(post("/web/videos/" + videoId + "/notes").session(session).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        mvc.perform(delete("/web/videos/" + videoId + "/notes/" + JSON.readValue(made, Map.class).get("id"))
                .session(session).with(csrf())).andExpect(status().isNoContent());
        mvc.perform(delete(url + "/" + mine.get("id")).header("Authorization", bearer(token(coach))))
                .andExpect(status().isNoContent());
        assertThat(notes.count(videoId)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void hostileOrBrokenNotesAreRefusedOrEscapedAndNothingIsStored() throws Exception {
        analysed();
        String token = bearer(token(coach));
        String url = "/api/videos/" + videoId + "/notes";
        int before = notes.count(videoId);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(note(100, "TEXT", "[]", "x".repeat(600)), "'text' must be at most 500 characters");
        refused.put(note(100, "TEXT", "[]", "bell \u0007 here"), "'text' must not hold control characters");
        refused.put(note(100, "TEXT", "[]", "nul \u0000 here"), "'text' must not hold control characters");
        refused.put(note(100, "TEXT", "[]", "   "), "'text' is empty");
        refused.put(note(100, "LINE", "[[1.2,0.5],[0.5,0.5]]", null), "'points[0]' must be within the picture");
        refused.put(note(100, "LINE", "[[0.2,-0.1],[0.5,0.5]]", null), "'points[0]' must be within the picture");
        refused.put(note(100, "LINE", "[[0.2,0.5],[0.5,0.5],[0.6,0.6]]", null), "exactly 2 points");
        refused.put(note(100, "ANGLE", "[[0.2,0.5],[0.5,0.5]]", null), "exactly 3 points");
        refused.put(note(100, "ANGLE", "[[0.5,0.5],[0.5,0.5],[0.6,0.6]]", null), "away from its vertex");
        refused.put(note(100, "TEXT", "[[0.1,0.1],[0.2,0.2]]", "two pins"), "0 or 1 point");
        refused.put(note(100, "LINE", "[[0.2],[0.5,0.5]]", null), "'points[0]' must be a pair");
        refused.put(note(100, "CIRCLE", "[]", "x"), "'kind' must be LINE, ANGLE or TEXT");
        refused.put(note(-1, "TEXT", "[]", "x"), "'timeMs' must be within the video");
        refused.put(note(3_600_000, "TEXT", "[]", "x"), "'timeMs' must be within the video");
        refused.put("{\"kind\":\"TEXT\",\"text\":\"no time\"}", "'timeMs' is missing");
        refused.put("{\"timeMs\": \"soon\", \"kind\": \"TEXT\"}", "not a note as JSON");
        refused.put("[1,2,3]", "not a note as JSON");
        for (Map.Entry<String, String> attempt : refused.entrySet()) {
            mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content(attempt.getKey())
                            .header("Authorization", token)).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").value(containsString(attempt.getValue())));
        }
        // a body far larger than any note is refused before it is parsed
        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON)
                        .content(note(100, "TEXT", "[]", "y".repeat(20_000))).header("Authorization", token))
                .andExpect(status().is(413));
        assertThat(notes.count(videoId)).isEqualTo(before);

        // markup is words like any other: kept as typed, escaped in the report
        Map<String, Object> hostile = add(url, token, note(700, "TEXT", "[[0.5,0.5]]",
                "<script>alert(1)</script><img src=x onerror=alert(2)>"), 201);
        assertThat(hostile.get("text")).isEqualTo("<script>alert(1)</script><img src=x onerror=alert(2)>");
        String html = reportHtml(token);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert(1)").doesNotContain("<img src=x");

        // the 201st note is refused, by the service's check before it draws a frame ...
        List<UUID> filler = new ArrayList<>();
        NoteDraft draft = new NoteDraft(NoteKind.TEXT, 10, List.of(), "filler", null);
        while (notes.count(videoId) < NoteDraft.MAX_PER_VIDEO) {
            UUID id = UUID.randomUUID();
            notes.add(id, videoId, coach.id(), coach.username(), draft);
            filler.add(id);
        }
        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content(note(100, "TEXT", "[]", "one more"))
                        .header("Authorization", token)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value(allOf(containsString("200 notes"), containsString("Delete"))));
        assertThat(notes.count(videoId)).isEqualTo(NoteDraft.MAX_PER_VIDEO);
        // ... and by the one writer itself, whose count and insert are one step under the video's lock
        assertThatThrownBy(() -> notes.add(UUID.randomUUID(), videoId, coach.id(), coach.username(), draft))
                .isInstanceOf(CoachNotes.TooManyNotesException.class).hasMessageContaining("200 notes");
        assertThat(notes.count(videoId)).isEqualTo(NoteDraft.MAX_PER_VIDEO);
        // two coaches adding the 200th note at once: exactly one is stored, the other refused
        notes.delete(videoId, filler.remove(filler.size() - 1));
        List<UUID> racing = List.of(UUID.randomUUID(), UUID.randomUUID());
        ExecutorService two = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> stored = new ArrayList<>();
        try {
            for (UUID id : racing) {
                stored.add(two.submit(() -> {
                    go.await();
                    try {
                        notes.add(id, videoId, coach.id(), coach.username(), draft);
                        return true;
                    } catch (CoachNotes.TooManyNotesException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            assertThat(List.of(stored.get(0).get(60, TimeUnit.SECONDS), stored.get(1).get(60, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(true, false);
        } finally {
            two.shutdownNow();
        }
        assertThat(notes.count(videoId)).isEqualTo(NoteDraft.MAX_PER_VIDEO);
        racing.forEach(id -> notes.delete(videoId, id));

        // the table refuses a TEXT note without words whoever writes it (a NULL text passed the first check)
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO coach_note (id, video_id, author_name, kind, time_ms, points, text)
                VALUES (?, ?, 'someone', 'TEXT', 0, '[]', NULL)""").params(UUID.randomUUID(), videoId).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("coach_note_text");
        filler.forEach(id -> notes.delete(videoId, id));
        assertThat(notes.count(videoId)).isEqualTo(before + 1);
        // the refused 201st note left no frame behind (the fillers were stored without frames, and are gone)
        assertFramesAreTheNotes();
    }

    @Test
    @Order(5)
    void theAthletesExportHoldsTheNotesAndErasingHerRemovesThem() throws Exception {
        analysed();
        String token = bearer(token(coach));
        Map<String, Object> note = add("/api/videos/" + videoId + "/notes", token,
                note(1000, "ANGLE", "[[0.4,0.3],[0.45,0.6],[0.6,0.7]]", "knee angle at landing"), 201);
        String noteId = (String) note.get("id");
        MvcResult started = mvc.perform(get("/api/athletes/" + ana.id() + "/export")
                .header("Authorization", bearer(token(herAccount)))).andExpect(request().asyncStarted()).andReturn();
        byte[] zip = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        Map<String, byte[]> entries = unzip(zip);
        String dir = "videos/" + videoId + "/";
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> exported = JSON.readValue(entries.get(dir + "notes.json"), List.class);
        assertThat(exported).isNotEmpty().allSatisfy(n -> assertThat(entries).containsKey(dir + n.get("frame")));
        Map<String, Object> mine = exported.stream().filter(n -> noteId.equals(n.get("id"))).findFirst().orElseThrow();
        assertThat(mine).containsEntry("text", "knee angle at landing").containsEntry("kind", "ANGLE")
                .containsEntry("angleDeg", note.get("angleDeg"));
        assertThat(ImageIO.read(new ByteArrayInputStream(entries.get(dir + mine.get("frame"))))).isNotNull();

        mvc.perform(delete("/api/athletes/" + ana.id()).header("Authorization", token)).andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT count(*) FROM coach_note WHERE video_id = ?").param(videoId).query(Long.class)
                .single()).isZero();
        assertThat(storage.list(StorageKeys.videoPrefix(uploadId, videoId))).as("the notes' frames among the files")
                .isEmpty();
        assertThat(storage.exists(StorageKeys.coachNoteFrame(uploadId, videoId, UUID.fromString(noteId)))).isFalse();
    }

    @Test
    @Order(6)
    void theNotesAreDescribedInTheApiDescription() throws Exception {
        var docs = JSON.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        var notesPath = docs.at("/paths/~1api~1videos~1{videoId}~1notes");
        assertThat(notesPath.at("/get/tags/0").asString()).isEqualTo("notes");
        assertThat(notesPath.at("/post/summary").asString()).contains("LINE", "ANGLE", "TEXT", "500", "200");
        assertThat(notesPath.at("/post/requestBody/content/application~1json/schema").toString()).isNotEmpty()
                .isNotEqualTo("\"\"");
        assertThat(docs.at("/paths/~1api~1videos~1{videoId}~1notes~1{noteId}/delete/tags/0").asString()).isEqualTo("notes");
        assertThat(docs.at("/paths/~1api~1videos~1{videoId}~1notes~1{noteId}~1frame.jpg/get/tags/0").asString())
                .isEqualTo("notes");
        assertThat(notesPath.toString()).doesNotContainIgnoringCase("\"actor\"");
    }

    /** Every annotated frame in storage belongs to a stored note, and every note has its frame. */
    private void assertFramesAreTheNotes() throws Exception {
        UUID none = new UUID(0, 0);
        String dir = StorageKeys.coachNoteFrame(uploadId, videoId, none).replace(none + ".jpg", "");
        assertThat(storage.list(StorageKeys.videoPrefix(uploadId, videoId)).stream().filter(k -> k.startsWith(dir)))
                .as("the notes' frames in storage").containsExactlyInAnyOrderElementsOf(notes.list(videoId).stream()
                        .map(n -> StorageKeys.coachNoteFrame(uploadId, videoId, n.id())).toList());
    }

    private static String note(long timeMs, String kind, String points, String text) throws Exception {
        return "{\"timeMs\":" + timeMs + ",\"kind\":\"" + kind + "\",\"points\":" + points + ",\"text\":"
                + (text == null ? "null" : JSON.writeValueAsString(text)) + "}";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> add(String url, String token, String body, int status) throws Exception {
        String out = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url)
                        .contentType(MediaType.APPLICATION_JSON).content(body).header("Authorization", token))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return JSON.readValue(out, Map.class);
    }

    private BufferedImage image(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                                String token) throws Exception {
        var response = mvc.perform(request.header("Authorization", token)).andExpect(status().isOk()).andReturn()
                .getResponse();
        assertThat(response.getContentType()).isEqualTo("image/jpeg");
        return ImageIO.read(new ByteArrayInputStream(response.getContentAsByteArray()));
    }

    private String reportHtml(String token) throws Exception {
        return mvc.perform(get("/api/videos/" + videoId + "/report.html").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String pdfText(byte[] pdf) throws Exception {
        Path file = Files.write(Files.createTempFile("notes-report", ".pdf"), pdf);
        try {
            Process p = new ProcessBuilder("pdftotext", file.toString(), "-").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replace('\u2019', '\'')
                    .replaceAll("\\s+", " ");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
