package com.skillmirror.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.portal.access.Role;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.storage.UploadArtifact;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every endpoint × every role × own/other team → the expected status. Everything lives in team A; "athlete" is the
 * athlete of team A whose data it is, "athleteB"/"coachB" belong to team B only. Other teams' resources are 404
 * (existence not leaked), visible-but-not-allowed is 403, no credentials 401. All mismatches are reported at once.
 */
@org.springframework.boot.test.context.SpringBootTest(classes = SkillMirrorApplication.class,
        webEnvironment = org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessMatrixTest extends PortalTestSupport {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private static final List<String> WHO = List.of("anonymous", "athlete", "athleteB", "coachA", "coachB", "expertA", "admin");

    @org.springframework.beans.factory.annotation.Autowired
    ObjectStorage storage;
    @org.springframework.beans.factory.annotation.Autowired
    StageResults stageResults;

    private static final Map<String, Account> accountsByName = new LinkedHashMap<>();
    private static final Map<String, String> tokensByName = new LinkedHashMap<>();
    private static Team teamA;
    private static Athlete ownAthlete;
    private static UUID uploadA;
    private static UUID videoA;

    /** Built once per class (JUnit makes a new instance per test; the Spring context and database stay). */
    @BeforeEach
    void world() throws Exception {
        if (teamA != null && teams.find(teamA.id()).isPresent()) {
            return;
        }
        accountsByName.clear();
        tokensByName.clear();
        Account coachA = user(Role.COACH);
        Account coachB = user(Role.COACH);
        Account expertA = user(Role.EXPERT);
        Account athlete = user(Role.ATHLETE);
        Account athleteB = user(Role.ATHLETE);
        teamA = team(coachA);
        Team teamB = team(coachB);
        teams.addMember(teamA.id(), expertA.id());
        ownAthlete = athlete(teamA, "Own Athlete");
        teams.linkUnclaimed(ownAthlete.id(), athlete.id());
        teams.linkUnclaimed(athlete(teamB, "Other Athlete").id(), athleteB.id());
        UUID[] ids = uploadWithVideo(teamA, coachA, ownAthlete);
        uploadA = ids[0];
        videoA = ids[1];
        storeReports();
        accountsByName.put("athlete", athlete);
        accountsByName.put("athleteB", athleteB);
        accountsByName.put("coachA", coachA);
        accountsByName.put("coachB", coachB);
        accountsByName.put("expertA", expertA);
        for (var e : accountsByName.entrySet()) {
            tokensByName.put(e.getKey(), token(e.getValue()));
        }
        tokensByName.put("admin", tokens("root-admin", rootAdminPassword()).get("accessToken").toString());
    }

    /** A report, its PDF, a working file and the team report, stored as the report stage stores them. */
    private void storeReports() throws Exception {
        byte[] html = "<html><body><h1>Report</h1></body></html>".getBytes();
        byte[] pdf = "%PDF-1.4 pretend".getBytes();
        stageResults.store(uploadA, videoA, Artifact.REPORT_HTML, html);
        stageResults.store(uploadA, videoA, Artifact.REPORT_PDF, pdf);
        stageResults.store(uploadA, videoA, Artifact.PROXY, html);
        stageResults.store(uploadA, videoA, Artifact.THUMBNAIL, "jpeg".getBytes());
        storage.put(StorageKeys.uploadArtifact(uploadA, UploadArtifact.TEAM_REPORT_HTML), html, "text/html");
        storage.put(StorageKeys.uploadArtifact(uploadA, UploadArtifact.TEAM_REPORT_PDF), pdf, "application/pdf");
    }

    private record Case(String name, Supplier<? extends AbstractMockHttpServletRequestBuilder<?>> request, int... expected) {
    }

    private static final int LOGIN = 302, SWITCHING = 101;
    private static final int BAD_REQUEST = 400;
    private static final int OK = 200, CREATED = 201, ACCEPTED = 202, NO_CONTENT = 204, UNAUTH = 401, FORBIDDEN = 403, NOT_FOUND = 404,
            CONFLICT = 409;

    @Test
    void apiAccessMatrix() throws Exception {
        String a = "/api/teams/" + teamA.id();
        // an account of nobody in the matrix, so changing its role or signing it out leaves the matrix's tokens alone
        Account bystander = user(Role.COACH);
        List<Case> cases = List.of(
                //                                                   anon    athlete    athleteB   coachA    coachB     expertA    admin
                new Case("GET team", () -> get(a), UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET roster", () -> get(a + "/athletes"), UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("POST athlete", () -> json(post(a + "/athletes"), "{\"name\":\"N " + UUID.randomUUID() + "\"}"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, CREATED, NOT_FOUND, FORBIDDEN, CREATED),
                new Case("POST roster csv", () -> multipart(a + "/athletes/csv").file(new MockMultipartFile("file", "r.csv",
                                "text/csv", ("name\nCsv " + UUID.randomUUID() + "\n").getBytes())),
                        UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("POST invite", () -> json(post(a + "/invites"), "{\"role\":\"COACH\"}"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, CREATED, NOT_FOUND, FORBIDDEN, CREATED),
                new Case("GET athlete", () -> get("/api/athletes/" + ownAthlete.id()),
                        UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET athlete export", () -> get("/api/athletes/" + ownAthlete.id() + "/export"),
                        UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("DELETE another athlete", () -> request(HttpMethod.DELETE, "/api/athletes/" + athlete(teamA, "Del " + UUID.randomUUID()).id()),
                        UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("GET upload", () -> get("/api/uploads/" + uploadA), UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET video", () -> get("/api/videos/" + videoA), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET video reports", () -> get("/api/videos/" + videoA + "/reports"), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET video report.html", () -> get("/api/videos/" + videoA + "/report.html"), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET video report PDF", () -> get("/api/videos/" + videoA + "/files/report-pdf"), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET athlete point", () -> get("/api/videos/" + videoA + "/athlete-point"), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET thumbnail", () -> get("/api/videos/" + videoA + "/thumbnail.jpg"), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("PUT athlete point", () -> json(put("/api/videos/" + videoA + "/athlete-point"), "{\"athletePoint\":\"0.5,0.5\"}"),
                        UNAUTH, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("DELETE athlete point", () -> request(HttpMethod.DELETE, "/api/videos/" + videoA + "/athlete-point"),
                        UNAUTH, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("GET a working file is not an export", () -> get("/api/videos/" + videoA + "/files/proxy"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                new Case("GET export of a made-up video", () -> get("/api/videos/" + UUID.randomUUID() + "/files/report-pdf"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                // coach's notes: read by whoever sees the video, written by its team's coaches (video A has no decoded
                // picture to draw on, so whoever passes the access check gets 409 saying so)
                new Case("GET notes", () -> get("/api/videos/" + videoA + "/notes"), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("POST note", () -> json(post("/api/videos/" + videoA + "/notes"), "{\"timeMs\":0,\"kind\":\"TEXT\",\"text\":\"x\"}"),
                        UNAUTH, FORBIDDEN, NOT_FOUND, CONFLICT, NOT_FOUND, FORBIDDEN, CONFLICT),
                new Case("DELETE a made-up note", () -> request(HttpMethod.DELETE, "/api/videos/" + videoA + "/notes/" + UUID.randomUUID()),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                // the comparison player: its view for whoever sees the video (video A has no landmarks, so 409 saying
                // so), the athlete's proxy likewise, an expert video only for a pattern with footage
                new Case("GET comparison view", () -> get("/api/videos/" + videoA + "/comparison-view"),
                        UNAUTH, CONFLICT, NOT_FOUND, CONFLICT, NOT_FOUND, CONFLICT, CONFLICT),
                new Case("GET player video", () -> get("/api/videos/" + videoA + "/player/video"), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET expert video of a made-up pattern", () -> get("/api/patterns/" + UUID.randomUUID() + "/player/video"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                // uploadA has no job: the coach and the admin get "nothing to resume", no analysis starts
                new Case("POST resume", () -> post("/api/uploads/" + uploadA + "/resume"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("POST resume of a made-up upload", () -> post("/api/uploads/" + UUID.randomUUID() + "/resume"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                new Case("GET team report", () -> get("/api/uploads/" + uploadA + "/team-report"), UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET team report.html", () -> get("/api/uploads/" + uploadA + "/team-report.html"), UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET team report PDF", () -> get("/api/uploads/" + uploadA + "/team-report.pdf"), UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET experts", () -> get("/api/experts"), UNAUTH, OK, OK, OK, OK, OK, OK),
                new Case("GET athlete progress", () -> get("/api/athletes/" + ownAthlete.id() + "/progress"),
                        UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("GET athlete progress.html", () -> get("/api/athletes/" + ownAthlete.id() + "/progress.html"),
                        UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("POST compare with an expert", () -> post("/api/compare/" + videoA + "/" + UUID.randomUUID()),
                        UNAUTH, BAD_REQUEST, NOT_FOUND, BAD_REQUEST, NOT_FOUND, BAD_REQUEST, BAD_REQUEST),
                new Case("GET /analysis", () -> get("/analysis/" + videoA), UNAUTH, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("POST /analyze-video", () -> post("/analyze-video/" + videoA),
                        UNAUTH, FORBIDDEN, NOT_FOUND, ACCEPTED, NOT_FOUND, FORBIDDEN, ACCEPTED),
                new Case("POST upload into team A", () -> multipart("/api/uploads").file(clip()).param("teamId", teamA.id().toString()),
                        UNAUTH, FORBIDDEN, FORBIDDEN, ACCEPTED, NOT_FOUND, FORBIDDEN, ACCEPTED),
                new Case("POST /upload-video/ into team A", () -> multipart("/upload-video/").file(new MockMultipartFile("file",
                                "c.mp4", "video/mp4", new byte[] {0, 0, 0, 24})).param("teamId", teamA.id().toString()),
                        UNAUTH, FORBIDDEN, FORBIDDEN, ACCEPTED, NOT_FOUND, FORBIDDEN, ACCEPTED),
                new Case("GET users", () -> get("/api/users"), UNAUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
                new Case("GET /users/", () -> get("/users/"), UNAUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
                new Case("POST users", () -> json(post("/api/users"), "{\"username\":\"u" + UUID.randomUUID().toString().substring(0, 8)
                                + "\",\"password\":\"long enough 1\",\"role\":\"ADMIN\"}"),
                        UNAUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED),
                new Case("PUT a user's role", () -> json(put("/api/users/" + bystander.id() + "/role"), "{\"role\":\"EXPERT\"}"),
                        UNAUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
                new Case("POST sign a user out everywhere", () -> post("/api/users/" + bystander.id() + "/sign-out"),
                        UNAUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NO_CONTENT),
                // personal access tokens: each account its own; webhooks: the team's coaches and admins (its expert 403)
                new Case("GET own tokens", () -> get("/api/account/tokens"), UNAUTH, OK, OK, OK, OK, OK, OK),
                new Case("POST a token", () -> json(post("/api/account/tokens"), "{\"name\":\"m\",\"scopes\":[\"read\"],\"expiresInDays\":1}"),
                        UNAUTH, CREATED, CREATED, CREATED, CREATED, CREATED, CREATED),
                new Case("DELETE a made-up token", () -> request(HttpMethod.DELETE, "/api/account/tokens/" + UUID.randomUUID()),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                new Case("GET webhooks", () -> get(a + "/webhooks"), UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("POST a webhook", () -> json(post(a + "/webhooks"), "{\"url\":\"https://93.184.216.34/hook\",\"events\":[\"upload_finished\"]}"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, CREATED, NOT_FOUND, FORBIDDEN, CREATED),
                new Case("GET a made-up webhook's deliveries", () -> get(a + "/webhooks/" + UUID.randomUUID() + "/deliveries"),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND),
                new Case("DELETE a made-up webhook", () -> request(HttpMethod.DELETE, a + "/webhooks/" + UUID.randomUUID()),
                        UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND),
                new Case("GET teams", () -> get("/api/teams"), UNAUTH, OK, OK, OK, OK, OK, OK),
                new Case("GET /skills/", () -> get("/skills/"), UNAUTH, OK, OK, OK, OK, OK, OK),
                new Case("GET /health", () -> get("/health"), OK, OK, OK, OK, OK, OK, OK));
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Case c : cases) {
            for (int i = 0; i < WHO.size(); i++) {
                String who = WHO.get(i);
                AbstractMockHttpServletRequestBuilder<?> builder = c.request().get();
                if (!who.equals("anonymous")) {
                    builder.header("Authorization", bearer(tokensByName.get(who)));
                }
                int actual = mvc.perform(builder).andReturn().getResponse().getStatus();
                checked++;
                if (actual != c.expected()[i]) {
                    mismatches.add(c.name() + " as " + who + ": expected " + c.expected()[i] + ", got " + actual);
                }
            }
        }
        assertThat(mismatches).as("access matrix (%d checks)", checked).isEmpty();
        assertThat(checked).isEqualTo(cases.size() * WHO.size());
    }

    /** The portal's pages (session cookie): not signed in is the login redirect, not visible 404, as for the API. */
    @Test
    void pageAccessMatrix() throws Exception {
        Map<String, MockHttpSession> sessions = new LinkedHashMap<>();
        for (var e : accountsByName.entrySet()) {
            sessions.put(e.getKey(), signIn(e.getValue().username(), PASSWORD));
        }
        sessions.put("admin", signIn("root-admin", rootAdminPassword()));
        String v = "/videos/" + videoA;
        String u = "/uploads/" + uploadA;
        UUID otherVideo = UUID.randomUUID();
        List<Case> cases = List.of(
                //                                                      anon     athlete    athleteB   coachA    coachB     expertA    admin
                new Case("video report page", () -> get(v + "/report"), LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("video report.html", () -> get(v + "/report.html"), LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("video report PDF", () -> get(v + "/files/report-pdf"), LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("working file", () -> get(v + "/files/proxy"), LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                new Case("made-up video report", () -> get("/videos/" + otherVideo + "/report"),
                        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                new Case("comparison player page", () -> get(v + "/player"), LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("made-up video's player", () -> get("/videos/" + otherVideo + "/player"),
                        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                new Case("team report page", () -> get(u + "/team-report"), LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("team report.html", () -> get(u + "/team-report.html"), LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("team report PDF", () -> get(u + "/team-report.pdf"), LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("upload status page", () -> get(u), LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("resume", () -> post("/web" + u + "/resume").with(csrf()),
                        LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("resume without the CSRF token", () -> post("/web" + u + "/resume"),
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Case("team page", () -> get("/teams/" + teamA.id()), LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("athlete progress page", () -> get("/web/athletes/" + ownAthlete.id() + "/progress"),
                        LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("athlete progress.html", () -> get("/web/athletes/" + ownAthlete.id() + "/progress.html"),
                        LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("expert list", () -> get("/expert-library"), LOGIN, OK, OK, OK, OK, OK, OK),
                new Case("made-up expert", () -> get("/expert-library/" + UUID.randomUUID()),
                        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
                new Case("athlete point", () -> json(put("/web/videos/" + videoA + "/athlete-point"), "{\"athletePoint\":\"0.5,0.5\"}").with(csrf()),
                        LOGIN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("athlete point without the CSRF token", () -> json(put("/web/videos/" + videoA + "/athlete-point"), "{\"athletePoint\":\"0.4,0.5\"}"),
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Case("thumbnail", () -> get("/web/videos/" + videoA + "/thumbnail.jpg"), LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("notes", () -> get("/web/videos/" + videoA + "/notes"), LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("note without the CSRF token", () -> json(post("/web/videos/" + videoA + "/notes"), "{\"timeMs\":0,\"kind\":\"TEXT\",\"text\":\"x\"}"),
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Case("comparison view", () -> get("/web/videos/" + videoA + "/comparison-view"),
                        LOGIN, CONFLICT, NOT_FOUND, CONFLICT, NOT_FOUND, CONFLICT, CONFLICT),
                new Case("player video", () -> get("/web/videos/" + videoA + "/player/video"), LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK),
                new Case("tokens page", () -> get("/account/tokens"), LOGIN, OK, OK, OK, OK, OK, OK),
                new Case("own tokens", () -> get("/web/account/tokens"), LOGIN, OK, OK, OK, OK, OK, OK),
                new Case("team A's webhooks page", () -> get("/teams/" + teamA.id() + "/webhooks"),
                        LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("team A's webhooks", () -> get("/web/teams/" + teamA.id() + "/webhooks"),
                        LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, OK),
                new Case("webhook without the CSRF token", () -> post("/teams/" + teamA.id() + "/webhooks")
                                .param("url", "https://93.184.216.34/hook").param("events", "upload_finished"),
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                new Case("comparison page", () -> get("/comparisons"), LOGIN, OK, OK, OK, OK, OK, OK),
                new Case("comparison of team A's video", () -> get("/comparisons").param("videoId", videoA.toString()),
                        LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK));
        List<String> mismatches = new ArrayList<>();
        for (Case c : cases) {
            for (int i = 0; i < WHO.size(); i++) {
                String who = WHO.get(i);
                AbstractMockHttpServletRequestBuilder<?> builder = c.request().get();
                if (!who.equals("anonymous")) {
                    ((MockHttpServletRequestBuilder) builder).session(sessions.get(who));
                }
                int actual = mvc.perform(builder).andReturn().getResponse().getStatus();
                if (actual != c.expected()[i]) {
                    mismatches.add(c.name() + " as " + who + ": expected " + c.expected()[i] + ", got " + actual);
                }
            }
        }
        assertThat(mismatches).as("page access matrix").isEmpty();
    }

    /** The live progress WebSocket of upload A, opened with each role's bearer token: 101 = opened. */
    @Test
    void liveProgressHandshakeMatrix() throws Exception {
        int[] expected = {UNAUTH, NOT_FOUND, NOT_FOUND, SWITCHING, NOT_FOUND, SWITCHING, SWITCHING};
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < WHO.size(); i++) {
            var builder = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder();
            if (!WHO.get(i).equals("anonymous")) {
                builder.header("Authorization", bearer(tokensByName.get(WHO.get(i))));
            }
            int actual;
            try {
                builder.buildAsync(java.net.URI.create("ws://localhost:" + port + "/api/uploads/" + uploadA + "/live"),
                        new java.net.http.WebSocket.Listener() { }).join().abort();
                actual = SWITCHING;
            } catch (java.util.concurrent.CompletionException e) {
                actual = e.getCause() instanceof java.net.http.WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
            }
            if (actual != expected[i]) {
                mismatches.add("live progress as " + WHO.get(i) + ": expected " + expected[i] + ", got " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void storedReportsAreServedUnderAStrictPolicyAndDownloadsAsAttachments() throws Exception {
        var html = mvc.perform(get("/api/videos/" + videoA + "/report.html").header("Authorization", bearer(tokensByName.get("coachA"))))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(html.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                + " base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox");
        assertThat(html.getContentAsString()).contains("<h1>Report</h1>");
        // in the portal: the same policy, framed by the portal's report page only
        MockHttpSession coachA = signIn(accountsByName.get("coachA"));
        var framed = mvc.perform(get("/videos/" + videoA + "/report.html").session(coachA)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(framed.getHeader("Content-Security-Policy")).isEqualTo(html.getHeader("Content-Security-Policy"));
        assertThat(framed.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        var page = mvc.perform(get("/videos/" + videoA + "/report").session(coachA)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.getContentAsString()).contains("/videos/" + videoA + "/report.html").contains("/videos/" + videoA + "/files/report-pdf");
        var pdf = mvc.perform(get("/api/videos/" + videoA + "/files/report-pdf").header("Authorization", bearer(tokensByName.get("coachA"))))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(pdf.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"report.pdf\"");
        assertThat(pdf.getContentAsString()).startsWith("%PDF");
        assertThat(pdf.getHeader("Accept-Ranges")).isEqualTo("bytes");
        // a range, as a browser asks for while seeking in a video: only those bytes, decrypted from storage
        var head = mvc.perform(get("/api/videos/" + videoA + "/files/report-pdf").header("Range", "bytes=1-3")
                        .header("Authorization", bearer(tokensByName.get("coachA"))))
                .andExpect(status().isPartialContent()).andReturn().getResponse();
        assertThat(head.getContentAsString()).isEqualTo("PDF");
        assertThat(head.getHeader("Content-Range")).isEqualTo("bytes 1-3/" + pdf.getContentAsByteArray().length);
        String listing = mvc.perform(get("/api/videos/" + videoA + "/reports").header("Authorization", bearer(tokensByName.get("coachA"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(listing).contains("/api/videos/" + videoA + "/report.html").contains("\"kind\":\"report-pdf\"")
                .doesNotContain("proxy").doesNotContain("uploads/");
    }

    @Test
    void otherTeamsAreNotListedAndProbingIsAudited() throws Exception {
        String body = mvc.perform(get("/api/teams").header("Authorization", bearer(tokensByName.get("coachB"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(teamA.id().toString());
        long before = audits("ACCESS_DENIED");
        mvc.perform(get("/api/uploads/" + uploadA).header("Authorization", bearer(tokensByName.get("coachB"))))
                .andExpect(status().isNotFound());
        assertThat(audits("ACCESS_DENIED")).isEqualTo(before + 1);
        // a made-up id answers the same 404 (no audit row: nothing was there to protect)
        mvc.perform(get("/api/uploads/" + UUID.randomUUID()).header("Authorization", bearer(tokensByName.get("coachB"))))
                .andExpect(status().isNotFound());
        assertThat(audits("ACCESS_DENIED")).isEqualTo(before + 1);
    }

    @Test
    void theActorCannotBeSmuggledInThroughRequestParameters() throws Exception {
        mvc.perform(get("/api/me").param("role", "ADMIN").param("id", UUID.randomUUID().toString())
                        .header("Authorization", bearer(tokensByName.get("coachB"))))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.role").value("COACH"));
    }

    @Test
    void pagesAndTheirJsonEndpointsFollowTheSameRules() throws Exception {
        MockHttpSession coachA = signIn(accountsByName.get("coachA"));
        MockHttpSession coachB = signIn(accountsByName.get("coachB"));
        MockHttpSession athlete = signIn(accountsByName.get("athlete"));
        for (String page : List.of("/teams/" + teamA.id(), "/uploads/" + uploadA, "/web/uploads/" + uploadA,
                "/web/teams/" + teamA.id() + "/athletes", "/web/athletes/" + ownAthlete.id() + "/export")) {
            mvc.perform(get(page).session(coachA)).andExpect(status().isOk());
            mvc.perform(get(page).session(coachB)).andExpect(status().isNotFound());
            mvc.perform(get(page)).andExpect(status().is3xxRedirection());
        }
        mvc.perform(get("/web/athletes/" + ownAthlete.id() + "/export").session(athlete)).andExpect(status().isOk());
        mvc.perform(get("/uploads/" + uploadA).session(athlete)).andExpect(status().isNotFound());
        mvc.perform(post("/athletes/" + ownAthlete.id() + "/delete").param("teamId", teamA.id().toString())
                .session(coachB).with(csrf())).andExpect(status().isNotFound());
        assertThat(teams.athlete(ownAthlete.id())).isPresent();
    }

    private MockHttpSession signIn(Account account) throws Exception {
        return signIn(account.username(), PASSWORD);
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").param("username", username).param("password", password)
                        .with(csrf()).with(r -> { r.setRemoteAddr("10.2.0." + (int) (Math.random() * 250)); return r; }))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
    }

    private long audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = ?").param(action).query(Long.class).single();
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder builder, String body) {
        return builder.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockMultipartFile clip() {
        return new MockMultipartFile("files", "clip.mp4", "video/mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
    }
}
