package com.skillmirror.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal in headless Chromium (Debian packages chromium + chromium-driver, poppler-utils for pdfinfo): sign in,
 * create a team and its roster, upload three clips through the file input plus a clip recorded from Chromium's fake
 * camera, watch the live progress over the WebSocket until the analysis ends, read the video report and download its
 * PDF, open the team report, an athlete's progress, the experts and the comparison page. Screenshots go to
 * web-portal/target/screenshots; page load times and WebSocket event latency to web-portal/target/browser-metrics.json
 * (measured and printed, not asserted).
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest extends PortalTestSupport {

    private static final Set<String> FINISHED = Set.of("COMPLETED", "PARTIAL", "FAILED");

    @LocalServerPort
    int port;
    private WebDriver browser;
    private final Path screenshots = Path.of("target", "screenshots");
    private final List<Map<String, Object>> pageTimes = new ArrayList<>();
    private final List<Double> latencies = new ArrayList<>();
    private final List<String> severeConsoleErrors = new ArrayList<>();

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void coachSignsInBuildsATeamUploadsClipsAndARecordingWatchesThemLiveAndReadsTheReports() throws Exception {
        Chromium.assumeInstalled();
        Files.createDirectories(screenshots);
        Path downloads = Files.createDirectories(Path.of("target", "downloads").toAbsolutePath());
        Files.deleteIfExists(downloads.resolve("report.pdf"));
        Files.deleteIfExists(downloads.resolve("team-report.pdf"));
        // two generated clips (a moving square: no person, so the pose stage fails them with its message) and one
        // clip of a real photo of a footballer, which the whole analysis completes
        List<Path> clips = new ArrayList<>();
        clips.add(TestClips.video(home.resolve("clip-1.mp4"), 320, 240, 15, 1.0, false, 0));
        clips.add(TestClips.video(home.resolve("clip-2.mp4"), 320, 240, 15, 1.0, false, 0));
        clips.add(stillClip(TestMedia.file("opencv_messi5.jpg"), home.resolve("cleo_squat.mp4"), 2.0));
        List<String> expected = List.of("FAILED", "FAILED", "COMPLETED");
        Account coach = user(Role.COACH);
        browser = chrome(downloads);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // pages reload after each form post; an element found just before the reload is simply looked up again
        wait.ignoring(StaleElementReferenceException.class);
        String base = "http://localhost:" + port;

        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        measure("login");
        // the console is really read: a message logged as an error shows up as SEVERE
        ((JavascriptExecutor) browser).executeScript("console.error('console probe')");
        collectConsole("probe");
        assertThat(severeConsoleErrors).as("console channel").anySatisfy(m -> assertThat(m).contains("console probe"));
        severeConsoleErrors.clear();
        browser.findElement(By.id("username")).sendKeys(coach.username());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        shot("01-login");
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-team")));
        measure("home");

        String teamName = "U17 <b>Squad</b> " + UUID.randomUUID().toString().substring(0, 4);
        browser.findElement(By.cssSelector("#create-team input[name=name]")).sendKeys(teamName);
        browser.findElement(By.cssSelector("#create-team button")).click();
        wait.until(ExpectedConditions.urlContains("/teams/"));
        String teamUrl = browser.getCurrentUrl();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(teamName);
        for (String name : List.of("Ana", "Ben", "Cleo")) {
            browser.findElement(By.cssSelector("#add-athlete input[name=name]")).sendKeys(name);
            browser.findElement(By.cssSelector("#add-athlete button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#roster .athlete-name")).stream().anyMatch(e -> e.getText().equals(name)));
        }
        measure("team");
        shot("02-team");

        browser.findElement(By.linkText("Upload videos for this team")).click();
        wait.until(d -> d.findElements(By.cssSelector("#team option")).size() > 1);
        measure("upload");
        WebElement input = browser.findElement(By.id("files"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].hidden = false;", input);
        input.sendKeys(String.join("\n", clips.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        wait.until(d -> d.findElements(By.cssSelector("#queue tbody tr")).size() == 3);
        // a clip recorded from the (fake) camera joins the list as a fourth file
        browser.findElement(By.id("record")).click();
        wait.until(d -> d.findElement(By.id("camera-note")).getText().startsWith("Recording"));
        Thread.sleep(2500);
        browser.findElement(By.id("stop-record")).click();
        wait.until(d -> d.findElements(By.cssSelector("#queue tbody tr")).size() == 4);
        assertThat(browser.findElement(By.id("camera-note")).getText()).startsWith("Recorded").contains("added to the list");
        String recording = browser.findElements(By.cssSelector("#queue td.file")).get(3).getText();
        assertThat(recording).startsWith("camera-").endsWith(".webm");
        wait.until(d -> d.findElements(By.cssSelector("#queue select.athlete option")).size() >= 4 * 4);
        List<WebElement> selects = browser.findElements(By.cssSelector("#queue select.athlete"));
        // the footballer's file name says athlete and skill: the page fills both in, as the server reads the name;
        // her clip is compared with the squat's published norm, so Cleo's progress page has a point
        WebElement cleosSkill = browser.findElements(By.cssSelector("#queue select.skill")).get(2);
        wait.until(d -> "squat".equals(new Select(cleosSkill).getFirstSelectedOption().getAttribute("value")));
        assertThat(new Select(selects.get(2)).getFirstSelectedOption().getText()).isEqualTo("Cleo");
        assertThat(new Select(selects.get(0)).getFirstSelectedOption().getAttribute("value")).isEmpty();
        for (int i = 0; i < 3; i++) {
            new Select(selects.get(i)).selectByVisibleText(List.of("Ana", "Ben", "Cleo").get(i));
        }
        new Select(selects.get(3)).selectByVisibleText("Ana");
        shot("03-upload-queued");
        browser.findElement(By.id("start")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status-link")));
        assertThat(browser.findElements(By.cssSelector("#queue progress"))).allSatisfy(p ->
                assertThat(p.getAttribute("value")).isEqualTo("100"));
        shot("04-uploaded");
        browser.findElement(By.id("status-link")).click();
        String uploadId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        measure("upload status");

        // a dropped connection is opened again, and the new one starts with a snapshot of the status
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.skillmirrorLive.connects;")).intValue() >= 1);
        ((JavascriptExecutor) browser).executeScript("window.skillmirrorLive.socket.close(4000, 'dropped by the test');");
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.skillmirrorLive.connects;")).intValue() >= 2);
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.skillmirrorLive.snapshots;")).intValue() >= 2);

        // live progress: the page follows the WebSocket until the upload is finished
        WebDriverWait analysis = new WebDriverWait(browser, Duration.ofMinutes(4));
        analysis.ignoring(StaleElementReferenceException.class);
        analysis.until(d -> FINISHED.contains(d.findElement(By.id("upload-status")).getText()));
        analysis.until(d -> d.findElement(By.id("connection")).getText().equals("(finished)"));
        Map<?, ?> live = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
                "const l = window.skillmirrorLive; return {events: l.events, snapshots: l.snapshots, latenciesMs: l.latenciesMs};");
        assertThat(((Number) live.get("snapshots")).intValue()).as("snapshots over the WebSocket").isGreaterThanOrEqualTo(1);
        assertThat(((Number) live.get("events")).intValue()).as("progress events over the WebSocket").isGreaterThan(0);
        latencies.addAll(((List<?>) live.get("latenciesMs")).stream().map(n -> ((Number) n).doubleValue()).toList());
        String dbStatus = jdbc.sql("SELECT status FROM upload WHERE id = ?::uuid").param(uploadId).query(String.class).single();
        assertThat(browser.findElement(By.id("upload-status")).getText()).isEqualTo(dbStatus).isEqualTo("PARTIAL");
        List<Map<String, Object>> videos = jdbc.sql("""
                SELECT v.id, v.original_name, v.status, coalesce(v.error_message, '') AS error, a.name AS athlete
                  FROM video v JOIN athlete a ON a.id = v.athlete_id WHERE v.upload_id = ?::uuid ORDER BY v.position""")
                .param(uploadId).query().listOfRows();
        assertThat(videos).extracting(v -> v.get("athlete")).containsExactly("Ana", "Ben", "Cleo", "Ana");
        for (int i = 0; i < 4; i++) {
            Map<String, Object> video = videos.get(i);
            if (i < 3) {
                assertThat(video.get("status")).as("%s: %s", video.get("original_name"), video.get("error")).isEqualTo(expected.get(i));
            }
            WebElement row = browser.findElement(By.cssSelector("tr[data-video-id='" + video.get("id") + "']"));
            analysis.until(d -> row.findElement(By.cssSelector("td.status")).getText().equals(video.get("status")));
            assertThat(row.findElement(By.cssSelector("td.file")).getText()).isEqualTo(List.of("clip-1.mp4", "clip-2.mp4", "cleo_squat.mp4", recording).get(i));
            String error = video.get("error").toString();
            if (!error.isEmpty()) {
                analysis.until(d -> row.findElement(By.cssSelector("td.message")).getText().contains(error));
            }
        }
        // the browser's WebM recording is decoded like any upload: a proxy and audio come out of it, and the pose
        // stage then fails it only because the fake camera shows no person
        Map<String, Object> camera = videos.get(3);
        assertThat(jdbc.sql("SELECT status FROM stage_result WHERE video_id = ? AND stage = 'decode'").param(camera.get("id"))
                .query(String.class).optional()).as("decode of the camera recording: %s", camera.get("error")).contains("COMPLETED");
        shot("05-status-finished");

        // the completed clip's report: the portal page, the stored report inside it, and its PDF
        UUID completed = (UUID) videos.get(2).get("id");
        browser.findElement(By.cssSelector("tr[data-video-id='" + completed + "'] a.report-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-frame")));
        measure("video report");
        browser.switchTo().frame("report-frame");
        wait.until(d -> !d.findElements(By.tagName("h1")).isEmpty());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        browser.switchTo().defaultContent();
        assertThat(browser.findElements(By.cssSelector("#downloads a")).stream().map(e -> e.getAttribute("data-kind")))
                .contains("report-pdf", "pose-csv", "pose-json", "pose-trc");
        // the overlay video plays in the page: the browser reads its header with a Range request and learns its length
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('overlay-video').readyState;")).intValue() >= 1);
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('overlay-video').duration;")).doubleValue()).isGreaterThan(0.5);
        shot("06-video-report");
        browser.findElement(By.cssSelector("#downloads a[data-kind='report-pdf']")).click();
        assertThat(pdfPages(download(downloads.resolve("report.pdf")))).as("pages of the downloaded PDF").isGreaterThanOrEqualTo(1);

        // the team report of the upload, from the status page's link
        browser.get(base + "/uploads/" + uploadId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.team-report-link"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-frame")));
        measure("team report");
        browser.switchTo().frame("report-frame");
        wait.until(d -> !d.findElements(By.tagName("h1")).isEmpty());
        browser.switchTo().defaultContent();
        shot("07-team-report");
        browser.findElement(By.id("team-pdf")).click();
        assertThat(pdfPages(download(downloads.resolve("team-report.pdf")))).as("pages of the team report PDF").isGreaterThanOrEqualTo(1);

        // the team page lists the upload with its team report; an athlete's progress page is linked from the roster
        browser.get(teamUrl);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#uploads tr[data-upload-id='" + uploadId + "'] a.team-report-link")));
        browser.findElements(By.cssSelector("#roster a.progress-link")).get(2).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-frame")));
        measure("athlete progress");
        assertThat(browser.findElement(By.id("athlete-name")).getText()).isEqualTo("Cleo");
        browser.switchTo().frame("report-frame");
        wait.until(d -> !d.findElements(By.tagName("h1")).isEmpty());
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Squat");
        browser.switchTo().defaultContent();
        shot("08-progress");
        // API clients get the same history as JSON
        UUID cleo = jdbc.sql("SELECT athlete_id FROM video WHERE id = ?").param(completed).query(UUID.class).single();
        String history = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/api/athletes/" + cleo + "/progress").header("Authorization", bearer(token(coach))))
                .andReturn().getResponse().getContentAsString();
        assertThat(JSON.readTree(history).path("skills").get(0).path("skillId").asString()).as(history).isEqualTo("squat");
        assertThat(JSON.readTree(history).path("skills").get(0).path("points")).as(history).hasSize(1);

        browser.findElement(By.linkText("Experts")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("norms")));
        measure("experts");
        shot("09-experts");
        browser.findElement(By.linkText("Compare")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pick-video")));
        measure("compare");
        assertThat(browser.findElements(By.cssSelector("#video option")).stream().map(WebElement::getText))
                .anySatisfy(t -> assertThat(t).startsWith("cleo_squat.mp4"));

        assertThat(severeConsoleErrors).as("SEVERE messages in the browser console").isEmpty();
        writeMetrics();
    }

    /** Navigation Timing of the page now shown, once its load event has ended; plus its console messages. */
    private void measure(String page) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;")).doubleValue() > 0);
        Map<?, ?> t = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                return {path: location.pathname, ttfbMs: n.responseStart - n.startTime,
                        domContentLoadedMs: n.domContentLoadedEventEnd - n.startTime, loadMs: n.loadEventEnd - n.startTime,
                        transferBytes: n.transferSize};""");
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("page", page);
        t.forEach((k, v) -> row.put(k.toString(), v instanceof Number n && !(v instanceof Long) ? Math.round(n.doubleValue() * 10) / 10.0 : v));
        pageTimes.add(row);
        collectConsole(page);
    }

    private void collectConsole(String page) {
        Chromium.severeConsoleMessages(browser).forEach(m -> severeConsoleErrors.add(page + ": " + m));
    }

    /** Chromium writes a download under a temporary name and renames it when complete. */
    private Path download(Path file) throws Exception {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Files.isRegularFile(file) && file.toFile().length() > 0);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, Math.min(4, bytes.length), java.nio.charset.StandardCharsets.US_ASCII))
                .as("%s starts like a PDF", file.getFileName()).isEqualTo("%PDF");
        return file;
    }

    private static int pdfPages(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdfinfo", pdf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("pdfinfo (Debian package poppler-utils): %s", out).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(out);
        assertThat(m.find()).as("pdfinfo output: %s", out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Reported, not asserted: timings depend on the machine and on what else runs on it. */
    private void writeMetrics() throws Exception {
        List<Double> sorted = latencies.stream().sorted().toList();
        Map<String, Object> ws = new java.util.LinkedHashMap<>();
        ws.put("events", sorted.size());
        if (!sorted.isEmpty()) {
            ws.put("minMs", sorted.get(0));
            ws.put("medianMs", percentile(sorted, 50));
            ws.put("p95Ms", percentile(sorted, 95));
            ws.put("maxMs", sorted.get(sorted.size() - 1));
        }
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        metrics.put("pages", pageTimes);
        metrics.put("websocketLatency", ws);
        metrics.put("note", "page times from the Navigation Timing API; WebSocket latency = Date.now() in the browser"
                + " - the event's timestampMs from the server, same machine clock; analysis runs beside the browser on the same cores");
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics);
        Files.writeString(Path.of("target", "browser-metrics.json"), json);
        System.out.println("Browser metrics (target/browser-metrics.json):\n" + json);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** A clip of a still photo (H.264 via libopenh264), so the pose stage has a real person to find. */
    private static Path stillClip(Path image, Path target, double seconds) throws Exception {
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(image.toFile());
        int width = photo.getWidth() & ~1;
        int height = photo.getHeight() & ~1;
        java.awt.image.BufferedImage frameImage = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        frameImage.getGraphics().drawImage(photo, 0, 0, null);
        try (org.bytedeco.javacv.FFmpegFrameRecorder recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(target.toFile(), width, height, 0);
             org.bytedeco.javacv.Java2DFrameConverter converter = new org.bytedeco.javacv.Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264);
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(15);
            recorder.setVideoBitrate(1_000_000);
            recorder.start();
            org.bytedeco.javacv.Frame frame = converter.convert(frameImage);
            for (int i = 0; i < Math.round(15 * seconds); i++) {
                recorder.record(frame);
            }
            recorder.stop();
        }
        return target;
    }

    private WebDriver chrome(Path downloads) {
        // a real (generated) camera and microphone stream, and no permission prompt for them
        return Chromium.start(downloads, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
    }

    private void shot(String name) throws Exception {
        Chromium.screenshot(browser, screenshots, name);
    }
}
