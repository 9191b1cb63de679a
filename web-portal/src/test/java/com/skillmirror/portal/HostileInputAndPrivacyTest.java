package com.skillmirror.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadOwner;
import com.skillmirror.upload.UploadService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile names and files, rosters, invites, uploads into teams, and the athlete's rights: export everything,
 * erase everything. Runs on a real port so the container's own multipart limit is exercised too.
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputAndPrivacyTest extends PortalTestSupport {

    private static final String XSS_NAME = "<script>alert('athlete')</script>";
    private static final String XSS_FILE = "<img src=x onerror=alert(1)>.mp4";
    private static final String XSS_ATHLETE = "<img src=x onerror=alert(1)> Ana";

    @LocalServerPort
    int port;
    @Autowired
    ObjectStorage storage;
    @Autowired
    UploadService uploadService;
    @Autowired
    com.skillmirror.expert.ExpertPatterns expertPatterns;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("skillmirror.upload.max-file-size", () -> "64KB");
        registry.add("skillmirror.security.uploads-per-minute", () -> "8");
    }

    @Test
    void uploadIntoATeamTagsRosterAthletesAndRecordsOwnership() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete ana = athlete(team, "Ana");
        Athlete ben = athlete(team, "Ben");
        String body = mvc.perform(multipart("/api/uploads")
                        .file(new MockMultipartFile("files", "a.mp4", "video/mp4", new byte[100]))
                        .file(new MockMultipartFile("files", "b.mp4", "application/octet-stream", new byte[100]))
                        .param("teamId", team.id().toString())
                        .param("athlete", "Ana", ben.id().toString())
                        .param("skill", "squat")
                        .header("Authorization", bearer(token(coach))))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        Map<?, ?> created = JSON.readValue(body, Map.class);
        UUID uploadId = UUID.fromString(created.get("uploadId").toString());
        assertThat(jdbc.sql("SELECT team_id FROM upload WHERE id = ?").param(uploadId).query(UUID.class).single()).isEqualTo(team.id());
        assertThat(jdbc.sql("SELECT created_by FROM upload WHERE id = ?").param(uploadId).query(UUID.class).single()).isEqualTo(coach.id());
        assertThat(jdbc.sql("SELECT athlete_id FROM video WHERE upload_id = ? ORDER BY position").param(uploadId)
                .query(UUID.class).list()).containsExactly(ana.id(), ben.id());
        assertThat(jdbc.sql("SELECT athlete_name FROM video WHERE upload_id = ? ORDER BY position").param(uploadId)
                .query(String.class).list()).containsExactly("Ana", "Ben");
    }

    @Test
    void theSeedsUploadWithoutATeamStillWorksForACoachAndIsOwnedByThem() throws Exception {
        Account coach = user(Role.COACH);
        String token = token(coach);
        String body = mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "x.mp4", "video/mp4", new byte[50]))
                        .param("athlete", "Free Text Name").header("Authorization", bearer(token)))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.statusUrl").exists())
                .andReturn().getResponse().getContentAsString();
        String uploadId = JSON.readValue(body, Map.class).get("uploadId").toString();
        mvc.perform(get("/api/uploads/" + uploadId).header("Authorization", bearer(token))).andExpect(status().isOk())
                .andExpect(jsonPath("$.videos[0].athlete").value("Free Text Name"));
        mvc.perform(get("/api/uploads/" + uploadId).header("Authorization", bearer(token(user(Role.COACH)))))
                .andExpect(status().isNotFound());
    }

    @Test
    void refusedUploadsStoreNothing() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String token = token(coach);
        long uploadsBefore = count("upload");
        Set<String> uploadFoldersBefore = uploadFolders();
        // an athlete who is not on the roster
        mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "a.mp4", "video/mp4", new byte[10]))
                        .param("teamId", team.id().toString()).param("athlete", "Stranger").header("Authorization", bearer(token)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("not on this team's roster")));
        // a part that declares itself as HTML, after a good one
        mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "ok.mp4", "video/mp4", new byte[10]))
                        .file(new MockMultipartFile("files", "page.html", "text/html", "<html>".getBytes()))
                        .header("Authorization", bearer(token)))
                .andExpect(status().isUnsupportedMediaType()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("not a video")));
        // not multipart at all
        mvc.perform(post("/api/uploads").contentType(MediaType.APPLICATION_JSON).content("{}").header("Authorization", bearer(token)))
                .andExpect(status().isUnsupportedMediaType()).andExpect(jsonPath("$.error").exists());
        // over the per-file limit (64 KB here), checked by the upload service
        mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "big.mp4", "video/mp4", new byte[70 * 1024]))
                        .header("Authorization", bearer(token)))
                .andExpect(status().isContentTooLarge()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("nothing was stored")));
        assertThat(count("upload")).isEqualTo(uploadsBefore);
        assertThat(uploadFolders()).isEqualTo(uploadFoldersBefore);
    }

    @Test
    void anOversizedUploadThroughTheRealServerIs413JsonAndStoresNothing() throws Exception {
        Account coach = user(Role.COACH);
        long uploadsBefore = count("upload");
        Set<String> uploadFoldersBefore = uploadFolders();
        String boundary = "----skillmirror" + UUID.randomUUID();
        byte[] big = new byte[200 * 1024];
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[head.length + big.length + tail.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(big, 0, payload, head.length, big.length);
        System.arraycopy(tail, 0, payload, head.length + big.length, tail.length);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/uploads"))
                .header("Authorization", bearer(token(coach)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/json"));
        assertThat(response.body()).contains("over the upload limit").contains("nothing was stored");
        assertThat(count("upload")).isEqualTo(uploadsBefore);
        assertThat(uploadFolders()).isEqualTo(uploadFoldersBefore);
    }

    @Test
    void uploadsAreRateLimitedPerUser() throws Exception {
        Account coach = user(Role.COACH);
        String token = token(coach);
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            int status = mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "r.mp4", "video/mp4", new byte[8]))
                    .header("Authorization", bearer(token))).andReturn().getResponse().getStatus();
            if (status == 202) {
                accepted++;
            } else if (status == 429) {
                limited++;
            }
        }
        assertThat(accepted).isEqualTo(8);
        assertThat(limited).isEqualTo(2);
        // another coach has their own budget
        mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "r.mp4", "video/mp4", new byte[8]))
                .header("Authorization", bearer(token(user(Role.COACH))))).andExpect(status().isAccepted());
    }

    @Test
    void pathTraversalInAFileNameNeverReachesTheStorageKey() throws Exception {
        Account coach = user(Role.COACH);
        String body = mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", "../../../../etc/passwd.mp4",
                        "video/mp4", new byte[64])).header("Authorization", bearer(token(coach))))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String uploadId = JSON.readValue(body, Map.class).get("uploadId").toString();
        String key = jdbc.sql("SELECT storage_key FROM video WHERE upload_id = ?::uuid").param(uploadId).query(String.class).single();
        assertThat(key).startsWith("uploads/" + uploadId + "/videos/").doesNotContain("..").endsWith("/original/passwd.mp4");
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("passwd.mp4")))
                    .allSatisfy(p -> assertThat(p.normalize().startsWith(home.resolve("storage"))).isTrue());
        }
    }

    @Test
    void hostileNamesAreEscapedOnEveryPage() throws Exception {
        Account coach = user(Role.COACH);
        Team team = teams.create(XSS_NAME, coach.id());
        Athlete athlete = athlete(team, XSS_ATHLETE);
        UUID uploadId = storedUpload(coach, team, athlete, XSS_FILE, "clip".getBytes());
        UUID videoId = jdbc.sql("SELECT id FROM video WHERE upload_id = ?").param(uploadId).query(UUID.class).single();
        // listed for comparison only once it has landmarks; the row is enough for the list
        jdbc.sql("INSERT INTO artifact (video_id, kind, storage_key) VALUES (?, 'pose-series', ?)")
                .params(videoId, StorageKeys.output(uploadId, videoId, "pose/series.bin")).update();
        UUID expert = expertPatterns.expert(new com.skillmirror.expert.ExpertProfile(XSS_NAME, XSS_ATHLETE, XSS_FILE, XSS_NAME));
        MockHttpSession session = signIn(coach);
        List<String> pages = List.of("/", "/teams/" + team.id(), "/uploads/" + uploadId, "/upload?teamId=" + team.id(),
                "/videos/" + videoId + "/report", "/uploads/" + uploadId + "/team-report", "/comparisons",
                "/comparisons?videoId=" + videoId, "/expert-library", "/expert-library/" + expert,
                "/web/athletes/" + athlete.id() + "/progress", "/web/athletes/" + athlete.id() + "/progress.html");
        for (String page : pages) {
            String html = mvc.perform(get(page).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(html).as(page).doesNotContain("<script>alert").doesNotContain("<img src=x");
        }
        for (String page : pages.subList(4, pages.size())) {
            String html = mvc.perform(get(page).session(session)).andReturn().getResponse().getContentAsString();
            if (page.contains("team-report")) {
                continue;  // names no athlete, file or team: only the upload id
            }
            assertThat(html).as(page).containsAnyOf("&lt;img src=x onerror=alert(1)&gt;.mp4",
                    "&lt;img src=x onerror=alert(1)&gt; Ana", "&lt;script&gt;alert(&#39;athlete&#39;)&lt;/script&gt;");
        }
        for (String page : List.of("/", "/teams/" + team.id(), "/uploads/" + uploadId, "/upload?teamId=" + team.id())) {
            String html = mvc.perform(get(page).session(session)).andReturn().getResponse().getContentAsString();
            assertThat(html).as(page).containsAnyOf("&lt;script&gt;alert(&#39;athlete&#39;)&lt;/script&gt;",
                    "&lt;img src=x onerror=alert(1)&gt;.mp4");
        }
        String status = mvc.perform(get("/uploads/" + uploadId).session(session)).andReturn().getResponse().getContentAsString();
        assertThat(status).contains("&lt;img src=x onerror=alert(1)&gt;.mp4").contains("&lt;img src=x onerror=alert(1)&gt; Ana");
        String report = mvc.perform(get("/videos/" + videoId + "/report").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(report).contains("&lt;img src=x onerror=alert(1)&gt;.mp4").contains("&lt;img src=x onerror=alert(1)&gt; Ana");
        String progress = mvc.perform(get("/web/athletes/" + athlete.id() + "/progress").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(progress).contains("&lt;img src=x onerror=alert(1)&gt; Ana");
        // the JSON the pages' scripts read keeps the text as data; the scripts insert it with textContent only
        StringBuilder js = new StringBuilder();
        for (String script : List.of("upload.js", "status.js", "portal.js", "camera.js")) {
            js.append(new String(getClass().getResourceAsStream("/static/js/" + script).readAllBytes()));
        }
        assertThat(js.toString()).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML").doesNotContain("document.write");
        // the pages forbid inline scripts, so an injected script could not run even if escaping failed
        String csp = mvc.perform(get("/").session(session)).andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'").doesNotContain("script-src 'unsafe-inline'");
        // the stored report pages allow no script at all and run sandboxed
        String reportCsp = mvc.perform(get("/web/athletes/" + athlete.id() + "/progress.html").session(session))
                .andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(reportCsp).startsWith("default-src 'none'").doesNotContain("script-src").endsWith("sandbox");
    }

    @Test
    void rosterFromCsvSkipsDuplicatesAndBlankRows() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        athlete(team, "Existing");
        String csv = "Name,Number\n\"Doe, Jane\",7\nExisting,3\n,4\nLee,9\n";
        mvc.perform(multipart("/api/teams/" + team.id() + "/athletes/csv")
                        .file(new MockMultipartFile("file", "roster.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", bearer(token(coach))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added.length()").value(2))
                .andExpect(jsonPath("$.skipped.length()").value(2));
        assertThat(teams.athletes(team.id())).extracting(Athlete::name).containsExactly("Doe, Jane", "Existing", "Lee");
        mvc.perform(multipart("/api/teams/" + team.id() + "/athletes/csv")
                        .file(new MockMultipartFile("file", "bad.csv", "text/csv", "first,last\nA,B\n".getBytes()))
                        .header("Authorization", bearer(token(coach))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("'name' column")));
    }

    @Test
    void anInviteLinkCreatesTheAthletesAccountOnceAndLinksTheirRosterEntry() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete athlete = athlete(team, "Invited Ina");
        String body = mvc.perform(post("/api/teams/" + team.id() + "/invites").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\":\"ATHLETE\",\"athleteId\":\"" + athlete.id() + "\"}")
                        .header("Authorization", bearer(token(coach))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String url = JSON.readValue(body, Map.class).get("url").toString();
        String path = URI.create(url).getPath();
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM team_invite WHERE token_hash = ?").param(token).query(Long.class).single()).isZero();
        mvc.perform(get(path)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("Invited Ina")));
        mvc.perform(post(path).param("username", "ina").param("password", "quiet lantern orbit")).andExpect(status().isForbidden());
        mvc.perform(post(path).param("username", "ina").param("password", "quiet lantern orbit").with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(teams.athlete(athlete.id()).orElseThrow().userId()).isNotNull();
        Map<?, ?> tokens = tokens("ina", "quiet lantern orbit");
        mvc.perform(get("/api/athletes/" + athlete.id()).header("Authorization", bearer(tokens.get("accessToken").toString())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Invited Ina"));
        mvc.perform(post(path).param("username", "ina2").param("password", "another password").with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("unknown, used or expired")));
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username = 'ina2'").query(Long.class).single()).isZero();
    }

    @Test
    void exportHoldsEverythingStoredAboutTheAthlete() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete athlete = athlete(team, "Exported Eva");
        byte[] clip = "pretend video bytes".getBytes();
        UUID uploadId = storedUpload(coach, team, athlete, "eva.mp4", clip);
        UUID videoId = jdbc.sql("SELECT id FROM video WHERE upload_id = ?").param(uploadId).query(UUID.class).single();
        storage.put(StorageKeys.output(uploadId, videoId, "pose/landmarks.bin"), new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");
        // the zip is streamed after the controller returns (async); access is checked before the first byte
        var started = mvc.perform(get("/api/athletes/" + athlete.id() + "/export").header("Authorization", bearer(token(coach))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted()).andReturn();
        byte[] zip = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries).containsKeys("athlete.json", "videos/" + videoId + "/result.json",
                "videos/" + videoId + "/files/original/eva.mp4", "videos/" + videoId + "/files/pose/landmarks.bin");
        assertThat(entries.get("videos/" + videoId + "/files/original/eva.mp4")).isEqualTo(clip);
        assertThat(new String(entries.get("athlete.json"))).contains("Exported Eva").contains(team.name());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND target = ?")
                .param("athlete:" + athlete.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void deletingAnAthleteErasesTheirRowsStoredObjectsAndAccountButNoOneElses() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete gone = athlete(team, "Gone Gus");
        Account gusAccount = user(Role.ATHLETE);
        teams.linkUnclaimed(gone.id(), gusAccount.id());
        Athlete stays = athlete(team, "Staying Sue");
        UUID uploadId = storedUpload(coach, team, gone, "gus.mp4", "gus".getBytes());
        UUID gusVideo = jdbc.sql("SELECT id FROM video WHERE upload_id = ?").param(uploadId).query(UUID.class).single();
        storage.put(StorageKeys.output(uploadId, gusVideo, "proxy.mp4"), new ByteArrayInputStream(new byte[] {9}), 1, "video/mp4");
        jdbc.sql("INSERT INTO stage_result (video_id, stage, status) VALUES (?, 'decode', 'COMPLETED')").param(gusVideo).update();
        jdbc.sql("INSERT INTO artifact (video_id, kind, storage_key) VALUES (?, 'proxy', ?)")
                .params(gusVideo, StorageKeys.output(uploadId, gusVideo, "proxy.mp4")).update();
        UUID sueUpload = storedUpload(coach, team, stays, "sue.mp4", "sue".getBytes());
        String gusToken = token(gusAccount);
        mvc.perform(get("/api/me").header("Authorization", bearer(gusToken))).andExpect(status().isOk());
        assertThat(storage.list(StorageKeys.videoPrefix(uploadId, gusVideo))).hasSize(2);

        mvc.perform(delete("/api/athletes/" + gone.id()).header("Authorization", bearer(token(coach))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.videos").value(1));

        assertThat(storage.list(StorageKeys.videoPrefix(uploadId, gusVideo))).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM video WHERE id = ?").param(gusVideo).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM stage_result WHERE video_id = ?").param(gusVideo).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM artifact WHERE video_id = ?").param(gusVideo).query(Long.class).single()).isZero();
        assertThat(teams.athlete(gone.id())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE id = ?").param(gusAccount.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM video WHERE athlete_name LIKE '%Gus%'").query(Long.class).single()).isZero();
        // the other athlete's data is untouched
        assertThat(teams.athlete(stays.id())).isPresent();
        UUID sueVideo = jdbc.sql("SELECT id FROM video WHERE upload_id = ?").param(sueUpload).query(UUID.class).single();
        assertThat(storage.list(StorageKeys.videoPrefix(sueUpload, sueVideo))).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'DELETE' AND target = ?")
                .param("athlete:" + gone.id()).query(Long.class).single()).isEqualTo(1);
        // the deleted athlete's tokens stop working at once
        mvc.perform(get("/api/me").header("Authorization", bearer(gusToken))).andExpect(status().isUnauthorized());
    }

    /** An upload stored by the real upload service (no analysis started), owned by the team, tagged with the athlete. */
    private UUID storedUpload(Account coach, Team team, Athlete athlete, String fileName, byte[] content) throws Exception {
        return uploadService.create(new UploadOwner(team.id(), coach.id()), List.of(new IncomingFile(fileName,
                content.length, () -> new ByteArrayInputStream(content), athlete.id(), athlete.name(), null))).uploadId();
    }

    private MockHttpSession signIn(Account account) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").param("username", account.username()).param("password", PASSWORD)
                        .with(csrf()).with(r -> { r.setRemoteAddr("10.3.0." + (int) (Math.random() * 250)); return r; }))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** Upload folders, not objects: jobs of earlier tests may still be writing reports into theirs. */
    private Set<String> uploadFolders() throws java.io.IOException {
        return storage.list("uploads/").stream().map(key -> key.split("/")[1]).collect(java.util.stream.Collectors.toSet());
    }
}
