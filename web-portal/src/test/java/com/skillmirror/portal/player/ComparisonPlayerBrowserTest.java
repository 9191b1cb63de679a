package com.skillmirror.portal.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.skillmirror.portal.Chromium;
import com.skillmirror.portal.SkillMirrorApplication;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The comparison player in headless Chromium (Debian packages chromium, chromium-driver, poppler-utils), on a real
 * comparison (PlayerFixtures: a walker's take analysed by the real job against an expert with footage): the expert's
 * video follows the athlete's through the alignment map the API serves (checked within one frame whenever playback
 * rests; the drift while playing is measured and reported), a finding's marker and a phase seek both videos, an angle
 * drawn with three clicks is saved and found in the report PDF, the athlete sees it read-only, and on a phone-sized
 * window nothing overflows sideways. Screenshots go to web-portal/target/screenshots; the time to the first athlete
 * frame and the drift to web-portal/target/browser-metrics-player.json (measured, not asserted).
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComparisonPlayerBrowserTest extends PlayerFixtures {

    private static final String COMMENT = "knee check from the player";

    @LocalServerPort
    int port;
    private WebDriver browser;
    private WebDriverWait wait;
    private final Path screenshots = Path.of("target", "screenshots");
    /** Measured by the tests of this class in this run, written after each (reported, not asserted). */
    private static final Map<String, Object> METRICS = new LinkedHashMap<>();
    private final List<String> severeConsoleErrors = new ArrayList<>();
    private JsonNode view;
    private double frameMs;
    private double maxPlayingDrift;
    private int playingSamples;
    /** Samples off the map that the page then caught up on (its sync ran late): reported, not hidden. */
    private int lateCatchUps;

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (!METRICS.isEmpty()) {
            METRICS.put("note", "firstFrameMs: performance.now() when the first athlete frame was ready (loadeddata or the"
                    + " first video frame callback), from navigation start; drift in expert frames against the alignment"
                    + " map, sampled every 150 ms while playing; analysis may run beside the browser on the same cores");
            String out = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(METRICS);
            Files.writeString(Path.of("target", "browser-metrics-player.json"), out);
            System.out.println("Player metrics (target/browser-metrics-player.json):\n" + out);
        }
    }

    @Test
    void theExpertFollowsTheAthleteAMarkerSeeksBothAndADrawnAngleReachesThePdf() throws Exception {
        Chromium.assumeInstalled();
        Files.createDirectories(screenshots);
        Path downloads = Files.createDirectories(Path.of("target", "downloads-player").toAbsolutePath());
        Files.deleteIfExists(downloads.resolve("report.pdf"));
        Comparison c = comparison();
        // the alignment map as the API gives it: what the page's expert frame is checked against
        String json = mvc.perform(get("/api/videos/" + c.videoId() + "/comparison-view")
                        .header("Authorization", bearer(token(c.coach()))))
                .andReturn().getResponse().getContentAsString();
        view = JSON.readTree(json);
        Files.writeString(Path.of("target", "player-comparison-view.json"), json); // kept to read a failure by
        assertThat(view.path("alignment").size()).as("alignment entries in %s", abbreviate(json)).isGreaterThan(10);
        assertThat(view.path("expert").path("synthesized").asBoolean()).as("the fixture's expert has footage").isFalse();
        frameMs = 1000.0 / view.path("athlete").path("fps").asDouble();

        browser = chrome(downloads);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;
        signIn(base, c.coach().username());
        browser.get(base + "/videos/" + c.videoId() + "/player");
        wait.until(d -> state().get("firstFrameMs") != null);
        Map<?, ?> nav = (Map<?, ?>) js("""
                const n = performance.getEntriesByType('navigation')[0];
                return {ttfbMs: n.responseStart - n.startTime, domContentLoadedMs: n.domContentLoadedEventEnd - n.startTime};""");
        double firstFrame = number(state().get("firstFrameMs"));
        System.out.printf("Comparison player: first athlete frame drawn %.0f ms after navigation start (%s)%n", firstFrame, nav);
        METRICS.put("firstFrameMs", Math.round(firstFrame));
        METRICS.put("navigation", nav);
        METRICS.put("athleteDurationMs", view.path("athlete").path("durationMs").asLong());
        waitSettled();
        assertInStep("after load");
        shot("player-01-loaded");

        // frame steps with the keyboard: after each the expert rests on the frame the map gives
        WebElement body = browser.findElement(By.tagName("body"));
        for (int i = 0; i < 5; i++) {
            double before = number(state().get("athleteMs"));
            body.sendKeys(Keys.ARROW_RIGHT);
            wait.until(d -> number(state().get("athleteMs")) > before);
            waitSettled();
            assertInStep("after frame step " + (i + 1));
        }
        long frameAfterSteps = ((Number) state().get("athleteFrame")).longValue();
        body.sendKeys(Keys.ARROW_LEFT);
        wait.until(d -> ((Number) state().get("athleteFrame")).longValue() == frameAfterSteps - 1);
        waitSettled();
        assertInStep("after a step back");

        // playback at 1x and 0.5x: sampled while playing (drift reported), checked when paused
        for (String speed : List.of("1", "0.5")) {
            play(speed, number(state().get("athleteMs")));
            js("document.getElementById('athlete-video').currentTime = 0;");
            waitSettled();
        }
        assertThat(playingSamples).as("states sampled during playback").isGreaterThan(0);
        System.out.printf("Comparison player: largest expert drift while playing %.0f frames over %d samples"
                + " (%d caught up late)%n", maxPlayingDrift, playingSamples, lateCatchUps);
        METRICS.put("maxPlayingDriftFrames", maxPlayingDrift);
        METRICS.put("playingSamples", playingSamples);
        METRICS.put("lateCatchUps", lateCatchUps);
        shot("player-02-played");

        // a finding's marker on the timeline (or, with no timed finding, a phase band) seeks both videos
        WebElement timeline = browser.findElement(By.id("timeline"));
        List<?> markers = (List<?>) js("return window.skillmirrorPlayer.markers();");
        METRICS.put("findingMarkers", markers.size());
        int timedFindings = 0;
        for (JsonNode f : view.path("findings")) {
            timedFindings += f.path("ms").isNumber() ? 1 : 0;
        }
        assertThat(markers).as("a marker for each finding with a time").hasSize(timedFindings);
        if (!markers.isEmpty()) {
            Map<?, ?> marker = (Map<?, ?>) markers.get(markers.size() / 2);
            clickAt(timeline, number(marker.get("x")), number(marker.get("y")));
            double target = number(marker.get("ms"));
            wait.until(d -> Math.abs(number(state().get("athleteMs")) - target) <= frameMs);
            waitSettled();
            assertInStep("after clicking the finding marker at " + target + " ms");
        }
        JsonNode phases = view.path("phases");
        if (!phases.isEmpty()) {
            // the middle of the last phase; where phases overlap, the page takes the one that started last
            JsonNode last = phases.get(phases.size() - 1);
            double clickMs = (last.path("fromMs").asDouble() + last.path("toMs").asDouble()) / 2;
            double from = -1;
            for (JsonNode p : phases) {
                if (clickMs >= p.path("fromMs").asDouble() && clickMs <= p.path("toMs").asDouble()) {
                    from = Math.max(from, p.path("fromMs").asDouble());
                }
            }
            double landing = from;
            int width = ((Number) js("return document.getElementById('timeline').clientWidth;")).intValue();
            clickAt(timeline, clickMs / view.path("athlete").path("durationMs").asDouble() * width + 1, 12);
            try {
                wait.until(d -> Math.abs(number(state().get("athleteMs")) - landing) <= frameMs);
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("clicking the phase band at " + clickMs + " ms should land at " + landing
                        + " ms; state " + state() + "; phases " + phases, e);
            }
            waitSettled();
            assertInStep("after clicking the phase at " + landing + " ms");
        }
        assertThat(markers.size() + phases.size()).as("finding markers and phases to click").isGreaterThan(0);

        // the keyboard: ] the next phase (after the last, the first), g the ghost, space play and pause
        if (!phases.isEmpty()) {
            String phaseBefore = (String) js("return document.getElementById('phase').value;");
            new Actions(browser).sendKeys("]").perform();
            wait.until(d -> !phaseBefore.equals(js("return document.getElementById('phase').value;")));
            int chosen = Integer.parseInt((String) js("return document.getElementById('phase').value;"));
            double phaseFrom = phases.get(chosen).path("fromMs").asDouble();
            wait.until(d -> Math.abs(number(state().get("athleteMs")) - phaseFrom) <= frameMs);
            waitSettled();
            assertInStep("after ] chose the phase from " + phaseFrom + " ms");
        }
        boolean ghostBefore = (Boolean) js("return document.getElementById('ghost').checked;");
        new Actions(browser).sendKeys("g").perform();
        assertThat(js("return document.getElementById('ghost').checked;")).isEqualTo(!ghostBefore);
        new Actions(browser).sendKeys(" ").perform();
        wait.until(d -> Boolean.TRUE.equals(state().get("playing")));
        new Actions(browser).sendKeys(" ").perform();
        wait.until(d -> !Boolean.TRUE.equals(state().get("playing")));
        waitSettled();
        assertInStep("paused with the space bar");


        // an angle: three clicks on the athlete's picture, the middle one the vertex, saved with a comment
        js("document.querySelector('input[name=tool][value=ANGLE]').click();");
        browser.findElement(By.id("note-text")).sendKeys(COMMENT);
        WebElement canvas = browser.findElement(By.id("athlete-canvas"));
        int w = canvas.getSize().getWidth(), h = canvas.getSize().getHeight();
        clickAt(canvas, w * 0.40, h * 0.30);
        clickAt(canvas, w * 0.50, h * 0.55);
        clickAt(canvas, w * 0.62, h * 0.35);
        wait.until(d -> ((List<?>) js("return window.skillmirrorPlayer.notes();")).size() == 1);
        Map<?, ?> note = (Map<?, ?>) ((List<?>) js("return window.skillmirrorPlayer.notes();")).get(0);
        assertThat(note.get("kind")).isEqualTo("ANGLE");
        assertThat(note.get("text")).isEqualTo(COMMENT);
        String angle = String.format(java.util.Locale.ROOT, "%.1f", number(note.get("angleDeg")));
        assertThat(browser.findElement(By.cssSelector("#notes li .note-text")).getText()).contains(angle + "°", COMMENT);
        assertThat(browser.findElement(By.id("player-message")).isDisplayed()).as("no error shown").isFalse();
        shot("player-03-angle");

        // the report PDF, rendered again when the note was added, holds the comment and the angle
        browser.get(base + "/videos/" + c.videoId() + "/report");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#downloads a[data-kind='report-pdf']"))).click();
        Path pdf = downloads.resolve("report.pdf");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(pdf) && pdf.toFile().length() > 0);
        String text = pdfText(pdf);
        assertThat(text).as("the report PDF's text").contains(COMMENT).contains(angle);

        // on a phone: panels stacked, nothing wider than the screen
        browser.get(base + "/videos/" + c.videoId() + "/player");
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> state().get("firstFrameMs") != null);
        waitSettled();
        Map<?, ?> layout = (Map<?, ?>) js("""
                const a = document.getElementById('athlete-stage').getBoundingClientRect();
                const e = document.getElementById('expert-stage').getBoundingClientRect();
                return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
                        athleteBottom: a.bottom, expertTop: e.top};""");
        assertThat(number(layout.get("scrollWidth"))).as("page width on a phone: %s", layout)
                .isLessThanOrEqualTo(number(layout.get("innerWidth")));
        assertThat(number(layout.get("expertTop"))).as("expert below the athlete: %s", layout)
                .isGreaterThanOrEqualTo(number(layout.get("athleteBottom")));
        shot("player-04-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // the athlete sees the note but no drawing tools and no delete button
        browser.manage().deleteAllCookies();
        signIn(base, c.athleteAccount().username());
        browser.get(base + "/videos/" + c.videoId() + "/player");
        wait.until(d -> !d.findElements(By.cssSelector("#notes li[data-note-id]")).isEmpty());
        assertThat(browser.findElement(By.id("note-tools")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#notes .note-delete"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#notes li .note-text")).getText()).contains(COMMENT);
        shot("player-05-athlete");

        // the coach removes the note with its Delete button: gone from the page and from the notes API
        browser.manage().deleteAllCookies();
        signIn(base, c.coach().username());
        browser.get(base + "/videos/" + c.videoId() + "/player");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#notes .note-delete"))).click();
        wait.until(d -> d.findElements(By.cssSelector("#notes li[data-note-id]")).isEmpty());
        String left = mvc.perform(get("/api/videos/" + c.videoId() + "/notes").header("Authorization", bearer(token(c.coach()))))
                .andReturn().getResponse().getContentAsString();
        assertThat(JSON.readTree(left)).as(left).isEmpty();


        collectConsole();
        assertThat(severeConsoleErrors).as("SEVERE messages in the browser console").isEmpty();
    }

    @Test
    void aPatternWithoutFootageIsDrawnAndAFindingMarkerSeeksToItsTime() throws Exception {
        Chromium.assumeInstalled();
        Files.createDirectories(screenshots);
        Comparison c = comparison();
        // the same walker filed as a squat: compared with the squat's published norm (no footage), and her knees
        // never bend to squat depth, so the comparison has findings to mark on the timeline
        Path take = TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"),
                Files.createTempFile("walker-squat", ".mp4"), 61.2, 3, "crop=480:320:150:256,scale=960:640");
        UUID videoId = analysed(c, take, "walk-as-squat.mp4", "squat");
        String json = mvc.perform(get("/api/videos/" + videoId + "/comparison-view")
                        .header("Authorization", bearer(token(c.coach()))))
                .andReturn().getResponse().getContentAsString();
        Files.writeString(Path.of("target", "player-comparison-view-norm.json"), json);
        JsonNode norm = JSON.readTree(json);
        assertThat(norm.path("expert").path("synthesized").asBoolean()).as(abbreviate(json)).isTrue();
        List<Double> findingTimes = new ArrayList<>();
        norm.path("findings").forEach(f -> {
            if (f.path("ms").isNumber()) {
                findingTimes.add(f.path("ms").asDouble());
            }
        });
        assertThat(findingTimes).as("timed findings of the walker as a squat: %s", norm.path("findings")).isNotEmpty();
        double fMs = 1000.0 / norm.path("athlete").path("fps").asDouble();

        browser = chrome(Files.createDirectories(Path.of("target", "downloads-player").toAbsolutePath()));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;
        signIn(base, c.coach().username());
        browser.get(base + "/videos/" + videoId + "/player");
        wait.until(d -> state().get("firstFrameMs") != null);
        wait.until(d -> Boolean.TRUE.equals(state().get("settled")));
        // the pattern's skeleton is drawn in the expert panel (no video there)
        assertThat(browser.findElement(By.id("expert-video")).isDisplayed()).isFalse();
        assertThat(number(js("""
                const c = document.getElementById('expert-canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let ink = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
                return ink;"""))).as("pixels of the pattern's skeleton").isGreaterThan(100);
        List<?> markers = (List<?>) js("return window.skillmirrorPlayer.markers();");
        assertThat(markers).as("a marker for each timed finding").hasSize(findingTimes.size());
        WebElement timeline = browser.findElement(By.id("timeline"));
        for (Object m : markers) {
            Map<?, ?> marker = (Map<?, ?>) m;
            double target = number(marker.get("ms"));
            // +1: the marker's position is inside the canvas' 1 px border
            clickAt(timeline, number(marker.get("x")) + 1, number(marker.get("y")) + 1);
            try {
                wait.until(d -> Math.abs(number(state().get("athleteMs")) - target) <= fMs);
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("clicking the marker of the finding at " + target + " ms; state " + state(), e);
            }
            wait.until(d -> Boolean.TRUE.equals(state().get("settled")));
        }
        js("document.getElementById('ghost').click();");
        shot("player-06-norm-finding");
        collectConsole();
        assertThat(severeConsoleErrors).as("SEVERE messages in the browser console").isEmpty();
    }

    @Test
    void aMinuteLongTakeShowsItsFirstFrameSoonAndStaysInStep() throws Exception {
        Chromium.assumeInstalled();
        Files.createDirectories(screenshots);
        Comparison c = comparison();
        // a minute of the pedestrian scene, compared with the fixture's walker: the size a coach's take has
        Path take = TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"),
                Files.createTempFile("minute", ".mp4"), 10, 60, "scale=960:720");
        UUID videoId = analysed(c, take, "minute-walk.mp4", "running-gait");
        String json = mvc.perform(get("/api/videos/" + videoId + "/comparison-view")
                        .header("Authorization", bearer(token(c.coach()))))
                .andReturn().getResponse().getContentAsString();
        view = JSON.readTree(json);
        assertThat(view.path("alignment").size()).as("alignment entries in %s", abbreviate(json)).isGreaterThan(100);
        frameMs = 1000.0 / view.path("athlete").path("fps").asDouble();
        Map<String, Object> minute = new LinkedHashMap<>();
        minute.put("athleteDurationMs", view.path("athlete").path("durationMs").asLong());
        minute.put("viewJsonBytes", json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        minute.put("skeletonEntries", view.path("athlete").path("skeleton").size());

        browser = chrome(Files.createDirectories(Path.of("target", "downloads-player").toAbsolutePath()));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;
        signIn(base, c.coach().username());
        browser.get(base + "/videos/" + videoId + "/player");
        wait.until(d -> state().get("firstFrameMs") != null);
        double firstFrame = number(state().get("firstFrameMs"));
        System.out.printf("Comparison player, %d s take: first athlete frame drawn %.0f ms after navigation start%n",
                view.path("athlete").path("durationMs").asLong() / 1000, firstFrame);
        minute.put("firstFrameMs", Math.round(firstFrame));
        METRICS.put("minuteTake", minute);
        waitSettled();
        assertInStep("after load");
        // across strides (where the map's expert time starts over) at 1x and 0.5x, from 0.4 s before a boundary: the
        // expert plays on to the end of its stride and seeks once to its start
        List<Double> starts = strideStarts();
        assertThat(starts).as("stride boundaries in the minute's alignment map").hasSizeGreaterThanOrEqualTo(2);
        int crossed = play("1", starts.get(0) - 400) + play("0.5", starts.get(1) - 400);
        assertThat(crossed).as("stride boundaries crossed while playing (starts %s)", starts).isGreaterThan(0);
        minute.put("strideBoundariesCrossedPlaying", crossed);
        minute.put("maxPlayingDriftFrames", maxPlayingDrift);
        minute.put("lateCatchUps", lateCatchUps);
        // a click in the middle of the timeline, then frame steps: the expert rests where the map says
        WebElement timeline = browser.findElement(By.id("timeline"));
        int width = ((Number) js("return document.getElementById('timeline').clientWidth;")).intValue();
        clickAt(timeline, width / 2.0 + 1, 110);
        double middle = view.path("athlete").path("durationMs").asDouble() / 2;
        wait.until(d -> Math.abs(number(state().get("athleteMs")) - middle) <= view.path("athlete").path("durationMs").asDouble() / width + frameMs);
        waitSettled();
        assertInStep("after a click in the middle of the timeline");
        for (int i = 0; i < 3; i++) {
            double before = number(state().get("athleteMs"));
            js("document.getElementById('step-forward').click();");
            wait.until(d -> number(state().get("athleteMs")) > before);
            waitSettled();
            assertInStep("after frame step " + (i + 1) + " in the middle");
        }
        shot("player-07-minute");
        collectConsole();
        assertThat(severeConsoleErrors).as("SEVERE messages in the browser console").isEmpty();
    }

    /**
     * Plays from an athlete time at a speed for about a second (sampling the expert's drift from the map), pauses and
     * checks the expert in step; the expert seeks a few times per stride boundary crossed at most (taking the
     * playback rate's slope across a boundary, where the expert's time jumps back, paused and re-seeked it every
     * frame there). Returns the boundaries crossed.
     */
    private int play(String speed, double fromMs) throws Exception {
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("speed"))).selectByValue(speed);
        js("document.getElementById('athlete-video').currentTime = arguments[0] / 1000;", Math.max(0, fromMs));
        waitSettled();
        double startMs = number(state().get("athleteMs"));
        long seeksBefore = ((Number) state().get("expertSeeks")).longValue();
        browser.findElement(By.id("play")).click();
        wait.until(d -> Boolean.TRUE.equals(state().get("playing")));
        for (int i = 0; i < 8; i++) {
            Thread.sleep(150);
            Map<?, ?> s = state();
            if (!Boolean.TRUE.equals(s.get("playing"))) {
                break; // the take ended
            }
            double drift = Math.abs(number(s.get("expertFrame")) - expectedFrame(number(s.get("athleteMs"))));
            maxPlayingDrift = Math.max(maxPlayingDrift, drift);
            playingSamples++;
            // HAVE_FUTURE_DATA: a browser short of CPU can leave the expert's video buffering, which is no lost expert
            boolean expertCanPlay = s.get("expertReadyState") == null || number(s.get("expertReadyState")) >= 3;
            if (!Boolean.TRUE.equals(s.get("expertSeeking")) && expertCanPlay && drift > 8) {
                // past a quarter of a second apart the page seeks (and says so). A browser short of CPU runs the
                // page's sync late, so a sample just past a stride boundary can see the expert still at the old
                // stride's end: the expert is lost only if the page does not catch up (seek, or come back in step)
                long seeksNow = ((Number) s.get("expertSeeks")).longValue();
                Map<?, ?> off = s;
                try {
                    new WebDriverWait(browser, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(25)).until(d -> {
                        Map<?, ?> t = state();
                        return !Boolean.TRUE.equals(t.get("playing")) || Boolean.TRUE.equals(t.get("expertSeeking"))
                                || ((Number) t.get("expertSeeks")).longValue() > seeksNow
                                || Math.abs(number(t.get("expertFrame")) - expectedFrame(number(t.get("athleteMs")))) <= 8;
                    });
                } catch (org.openqa.selenium.TimeoutException e) {
                    throw new AssertionError("expert frames off the map while playing at " + speed
                            + "x and the page neither seeks nor comes back in step: " + off + " -> " + state(), e);
                }
                lateCatchUps++;
            }
        }
        if (Boolean.TRUE.equals(state().get("playing"))) {
            browser.findElement(By.id("play")).click();
        }
        wait.until(d -> !Boolean.TRUE.equals(state().get("playing")));
        double endMs = number(state().get("athleteMs"));
        long seeks = ((Number) state().get("expertSeeks")).longValue() - seeksBefore;
        long boundaries = strideStarts().stream().filter(ms -> ms > startMs && ms <= endMs).count();
        System.out.printf("Comparison player at %sx: %.0f-%.0f ms, %d stride boundaries crossed, %d expert seeks%n",
                speed, startMs, endMs, boundaries, seeks);
        assertThat(seeks).as("expert seeks playing %.0f-%.0f ms at %sx across %d stride boundaries", startMs, endMs,
                speed, boundaries).isLessThanOrEqualTo(3 * boundaries + 3);
        waitSettled();
        assertInStep("paused after playing at " + speed + "x from " + Math.round(startMs) + " ms");
        return (int) boundaries;
    }

    /** The athlete times where the map's expert time goes back: the expert starts a stride (a repetition) over. */
    private List<Double> strideStarts() {
        List<Double> starts = new ArrayList<>();
        JsonNode previous = null;
        for (JsonNode a : view.path("alignment")) {
            if (previous != null && a.path("expertMs").asDouble() < previous.path("expertMs").asDouble()) {
                starts.add(a.path("ms").asDouble());
            }
            previous = a;
        }
        return starts;
    }

    /** The expert frame the map gives for an athlete time: the entry nearest to it, as the page looks it up. */
    private double expectedFrame(double athleteMs) {
        JsonNode best = null;
        for (JsonNode a : view.path("alignment")) {
            if (best == null || Math.abs(a.path("ms").asDouble() - athleteMs) < Math.abs(best.path("ms").asDouble() - athleteMs)) {
                best = a;
            }
        }
        return best.path("expertFrame").asDouble();
    }

    private void assertInStep(String when) {
        Map<?, ?> s = state();
        double expected = expectedFrame(number(s.get("athleteMs")));
        assertThat(number(s.get("expectedExpertFrame"))).as("%s: the page's alignment lookup, state %s", when, s)
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
        assertThat(number(s.get("expertFrame"))).as("%s: the expert video's frame, state %s", when, s)
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
    }

    private void waitSettled() {
        // settled: no seek under way in either video and the expert put in step with the athlete's current time
        wait.until(d -> Boolean.TRUE.equals(state().get("settled")) && !Boolean.TRUE.equals(state().get("playing")));
    }

    private void clickAt(WebElement element, double x, double y) {
        // Selenium offsets are from the centre of the element's visible part: the whole element is brought into view
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        new Actions(browser).moveToElement(element, (int) Math.round(x - element.getSize().getWidth() / 2.0),
                (int) Math.round(y - element.getSize().getHeight() / 2.0)).click().perform();
    }

    private void signIn(String base, String username) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private Map<?, ?> state() {
        return (Map<?, ?>) js("return window.skillmirrorPlayer ? window.skillmirrorPlayer.state() : {};");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static double number(Object o) {
        assertThat(o).as("a number from the page").isInstanceOf(Number.class);
        return ((Number) o).doubleValue();
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    private void collectConsole() {
        severeConsoleErrors.addAll(Chromium.severeConsoleMessages(browser));
    }

    private static String pdfText(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("pdftotext (Debian package poppler-utils): %s", out).isZero();
        return out;
    }

    private WebDriver chrome(Path downloads) {
        return Chromium.start(downloads, "--autoplay-policy=no-user-gesture-required");
    }

    private void shot(String name) throws Exception {
        Chromium.screenshot(browser, screenshots, name);
    }
}
