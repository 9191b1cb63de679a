package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.report.progress.ProgressHistory;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.storage.UploadArtifact;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reports the job writes, as a reader gets them: three uploads analysed in-process (a real talk filmed for the
 * squat skill, twice and then its last 5 s, for a roster athlete; a generated clip with a tone and one without audio,
 * in which nobody is found),
 * then every page opened in headless Chromium (Debian chromium + chromium-driver) without a console error and with
 * its key sections on screen, and the PDFs opened by poppler (pdfinfo, pdftoppm). Pages, PDFs and screenshots stay in
 * batch-jobs/target/report-browser.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class ReportBrowserTest extends OwnDatabaseTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TALK = "forensics_movie-hello_talking_head.mp4";

    /** Both tests look at the same analysed uploads: analysing them is what takes the time. */
    private static Analysed analysed;

    private record Analysed(UUID athlete, UUID firstUpload, UUID secondUpload, Map<String, Video> videos, Path dir) {
    }

    @Autowired
    UploadService uploads;
    @Autowired
    AnalysisLauncher launcher;
    @Autowired
    StageResults results;
    @Autowired
    ObjectStorage storage;
    @Autowired
    ProgressHistory history;
    @Autowired
    ReportRenderer renderer;
    @Autowired
    JdbcClient jdbc;

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyReportOpensInChromiumWithoutConsoleErrorsAndShowsItsSections() throws Exception {
        Analysed a = analyse();
        browser = chrome(a.dir().resolve("chromium-profile"));

        // the console check itself: a page with a missing image and a script error must not pass it
        Path broken = Files.writeString(a.dir().resolve("broken.html"), "<!DOCTYPE html><html><head><title>b</title>"
                + "</head><body><img src=\"missing.png\" alt=\"\"/><script>undefinedFunction();</script></body></html>");
        browser.get(broken.toUri().toString());
        assertThat(consoleErrors()).hasSizeGreaterThanOrEqualTo(2);

        // the second take of the talk: all sections, and what changed since the first take
        open(page(a, Artifact.REPORT_HTML, a.videos().get("talk-2")));
        visible(By.xpath("//h2[.='Metrics and targets']"));
        visible(By.xpath("//h2[.='Joint angles over time']"));
        assertThat(charts(".chart:not(.speech-chart):not(.trend-chart):not(.repetitions-chart) svg")).isBetween(1, 4);
        // a take split into repetitions has its score-per-repetition chart inside that section, nowhere else
        assertThat(charts("#repetitions ~ .repetitions-chart svg"))
                .isEqualTo(browser.findElements(By.id("repetitions")).size());
        visible(By.xpath("//h2[.='Speech']"));
        assertThat(charts(".speech-chart svg")).isEqualTo(3);
        visible(By.id("since-last-time"));
        // the same file analysed again: the same score, so "unchanged", and a trend of the two analyses
        assertThat(visible(By.cssSelector("#since-last-time + p span")).getText())
                .startsWith("Unchanged since the previous analysis").contains("analysis 2 of Zoë for Squat");
        assertThat(charts(".trend-chart svg")).isEqualTo(1);
        assertThat(browser.findElements(By.cssSelector(".notice"))).isEmpty();

        // the shorter take scores differently: the verdict follows the stored scores' difference
        open(page(a, Artifact.REPORT_HTML, a.videos().get("talk-3")));
        double delta = score(a.videos().get("talk-3")) - score(a.videos().get("talk-2"));
        String verdict = Math.abs(delta) < 3 ? "Unchanged" : delta > 0 ? "Improved" : "Regressed";
        assertThat(visible(By.cssSelector("#since-last-time + p span")).getText())
                .startsWith(verdict + " since the previous analysis").contains("analysis 3 of Zoë for Squat");
        assertThat(visible(By.xpath("//table[preceding-sibling::h2[@id='since-last-time']][1]//tr[td][1]"))
                .getText()).startsWith("Score (0-100)").contains(verdict.toLowerCase(java.util.Locale.ROOT));
        assertThat(browser.findElement(By.xpath("//div[@class='notice'][contains(., 'speech SKIPPED:')]")).getText())
                .contains("no audio track");

        open(page(a, Artifact.REPORT_HTML, a.videos().get("talk-1")));
        assertThat(visible(By.cssSelector("#since-last-time + p span")).getText())
                .startsWith("First analysis of Zoë for Squat");
        assertThat(browser.findElements(By.cssSelector(".trend-chart"))).isEmpty();

        // nobody in the generated clips: the pose stage failed, and the report says so where its sections would be
        open(page(a, Artifact.REPORT_HTML, a.videos().get("tone.mp4")));
        WebElement pose = visible(By.xpath("//div[@class='notice'][contains(., 'pose FAILED:')]"));
        assertThat(pose.getText()).contains("No athlete detected in any frame");
        assertThat(browser.findElements(By.xpath("//h2[.='Joint angles over time']"))).isEmpty();
        assertThat(browser.findElements(By.id("since-last-time"))).isEmpty();
        assertThat(visible(By.cssSelector(".score")).getText()).isEqualTo("-");
        // a steady tone is no speech: the speech section says so instead of charts
        assertThat(visible(By.xpath("//h2[.='Speech']/following-sibling::p[1]")).getText()).isNotBlank();
        assertThat(charts(".speech-chart svg")).isZero();
        assertThat(browser.getPageSource()).doesNotContain(">null<");

        open(page(a, Artifact.REPORT_HTML, a.videos().get("silent.mp4")));
        assertThat(visible(By.xpath("//div[@class='notice'][contains(., 'speech SKIPPED:')]")).getText())
                .contains("no audio track");
        visible(By.xpath("//div[@class='notice'][contains(., 'pose FAILED:')]"));
        assertThat(browser.findElements(By.xpath("//h2[.='Speech']"))).isEmpty();

        open(file(a, "team-1.html", StorageKeys.uploadArtifact(a.firstUpload(), UploadArtifact.TEAM_REPORT_HTML)));
        assertThat(browser.findElements(By.xpath("//h2[.='Ranking']/following-sibling::table[1]//tbody/tr")))
                .hasSize(1).first().satisfies(row -> assertThat(row.getText()).contains("Zoë"));
        assertThat(browser.findElements(By.xpath("//h2[.='Videos that could not be analysed']"
                + "/following-sibling::table[1]//tbody/tr"))).hasSize(2)
                .allSatisfy(row -> assertThat(row.getText()).contains("No athlete detected"));

        Path progress = Files.writeString(a.dir().resolve("progress.html"),
                renderer.progressHtml(history.forAthlete(a.athlete())));
        open(progress);
        visible(By.xpath("//h2[.='Squat']"));
        assertThat(browser.findElements(By.xpath("//h3[.='Analyses']/following-sibling::table[1]//tr[td]"))).hasSize(3);
        assertThat(charts(".chart svg")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void thePdfsOpenWithTheirPagesDrawn() throws Exception {
        Analysed a = analyse();

        Path full = page(a, Artifact.REPORT_PDF, a.videos().get("talk-2"));
        // eight charts of 5.5-6.3 cm (angles, speech, trend) alone fill two A4 pages of 27 cm; with the tables, two
        // key frames, the transcript and provenance it was 7 pages when written: a page more or less is layout, an
        // empty or a runaway document is a bug
        assertThat(PdfPages.count(full)).isBetween(5, 9);
        List<BufferedImage> pages = PdfPages.rasterise(full, 40);
        assertA4AndNotBlank(pages.get(0));
        // each kind of chart is drawn somewhere: angle lines, speech lines, the trend's line and dots
        assertThat(PdfPages.pixelsNear(pages, AngleCharts.ATHLETE)).isGreaterThan(50);
        assertThat(PdfPages.pixelsNear(pages, SpeechCharts.SPEECH)).isGreaterThan(50);
        assertThat(PdfPages.pixelsNear(pages, ProgressCharts.TREND)).isGreaterThan(20);

        // a failed video's report is short: the notices, the speech it still has, provenance
        Path failed = page(a, Artifact.REPORT_PDF, a.videos().get("silent.mp4"));
        assertThat(PdfPages.count(failed)).isEqualTo(1);
        BufferedImage failedPage = PdfPages.rasterise(failed, 40, 1, 1).get(0);
        assertA4AndNotBlank(failedPage);
        assertThat(PdfPages.pixelsNear(failedPage, AngleCharts.ATHLETE)).isZero();

        Path team = file(a, "team-1.pdf", StorageKeys.uploadArtifact(a.firstUpload(), UploadArtifact.TEAM_REPORT_PDF));
        assertThat(PdfPages.count(team)).isEqualTo(1);
        assertA4AndNotBlank(PdfPages.rasterise(team, 40, 1, 1).get(0));
        Path team2 = file(a, "team-2.pdf", StorageKeys.uploadArtifact(a.secondUpload(), UploadArtifact.TEAM_REPORT_PDF));
        assertThat(PdfPages.count(team2)).isEqualTo(1);
    }

    // ---- the analysis, once ----

    private synchronized Analysed analyse() throws Exception {
        if (analysed != null) {
            return analysed;
        }
        // kept after the run for a person to look at, like the portal's browser screenshots; emptied first, so the
        // browser profile is fresh and no page of an earlier run is counted
        Path dir = Path.of("target", "report-browser").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path talk = TestMedia.file(TALK);
        Path tone = TestClips.video(dir.resolve("tone.mp4"), 640, 360, 25, 2, true, 0);
        Path silent = TestClips.video(dir.resolve("silent.mp4"), 320, 240, 25, 1.5, false, 0);
        // a roster athlete, tagged as the portal tags uploads
        UUID athlete = UUID.randomUUID();
        jdbc.sql("INSERT INTO athlete (id, name) VALUES (?, 'Zoë')").param(athlete).update();

        UploadService.Created first = uploads.create(List.of(incoming(talk, "Zoë"), incoming(tone, "Ben"),
                incoming(silent, "Cleo")));
        tag(first, TALK, athlete);
        launcher.run(first.uploadId());
        UploadService.Created second = uploads.create(List.of(incoming(talk, "Zoë")));
        tag(second, TALK, athlete);
        launcher.run(second.uploadId());
        // a third take that really differs: the last 5 s of the talk, without its sound (in its first 5 s too little
        // of the body is in view to score it as a squat: the compare step refuses that, see SkillComparator)
        Path shorter = TestClips.excerpt(talk, dir.resolve("talk-last-5s.mp4"), 5, 5, "scale=1280:720");
        UploadService.Created third = uploads.create(List.of(incoming(shorter, "Zoë")));
        tag(third, "talk-last-5s.mp4", athlete);
        launcher.run(third.uploadId());

        Map<String, Video> videos = new LinkedHashMap<>();
        for (Video v : first.videos()) {
            videos.put(v.originalName().equals(TALK) ? "talk-1" : v.originalName(), v);
        }
        videos.put("talk-2", second.videos().get(0));
        videos.put("talk-3", third.videos().get(0));
        for (String talkRun : List.of("talk-1", "talk-2", "talk-3")) {
            Map<String, Object> compare = results.forVideo(videos.get(talkRun).id()).get("compare");
            assertThat(compare.get("status")).as(talkRun + ": " + compare.get("error")).isEqualTo("COMPLETED");
        }
        analysed = new Analysed(athlete, first.uploadId(), second.uploadId(), videos, dir);
        return analysed;
    }

    /** The main person's score as the compare step stored it. */
    private double score(Video video) {
        return jdbc.sql("""
                SELECT c.score FROM comparison c JOIN stage_result r ON r.video_id = c.video_id AND r.stage = 'compare'
                 WHERE c.video_id = ? AND c.person_id = CAST(r.summary ->> 'personId' AS INT)""")
                .param(video.id()).query(Double.class).single();
    }

    private static IncomingFile incoming(Path file, String athlete) throws Exception {
        return new IncomingFile(file.getFileName().toString(), Files.size(file), () -> Files.newInputStream(file),
                athlete, "squat");
    }

    private void tag(UploadService.Created upload, String name, UUID athlete) {
        upload.videos().stream().filter(v -> v.originalName().equals(name)).forEach(v ->
                jdbc.sql("UPDATE video SET athlete_id = ? WHERE id = ?").params(athlete, v.id()).update());
    }

    /** A video's stored report (artifact kind report-html or report-pdf), copied out of storage. */
    private Path page(Analysed a, Artifact artifact, Video video) throws Exception {
        String key = results.key(video.id(), artifact).orElseThrow(() -> new AssertionError(
                "no " + artifact + " for " + video.originalName() + ": " + results.forVideo(video.id()).get("report")));
        return file(a, video.id() + "-" + artifact.fileName(), key);
    }

    private Path file(Analysed a, String name, String key) throws Exception {
        Path target = a.dir().resolve(name);
        try (InputStream in = storage.get(key)) {
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    private static void assertA4AndNotBlank(BufferedImage page) {
        // A4 is 595.28 x 841.89 pt; pdftoppm rounds the pixel size at 40 dpi
        assertThat(page.getWidth()).isBetween(330, 332);
        assertThat(page.getHeight()).isBetween(467, 469);
        assertThat(PdfPages.luminanceStdDev(page)).isGreaterThan(10);
    }

    // ---- the browser ----

    private WebDriver chrome(Path profile) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("needs the Debian packages chromium and chromium-driver (.ci/run installs them)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Loads the page and fails on any console error it logged (a broken image, an SVG the browser refused...). */
    private void open(Path file) {
        browser.get(file.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        // every image decoded: a data URI the browser cannot read shows as a broken image, not always as an error
        Object broken = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length");
        assertThat(((Number) broken).intValue()).as("broken images in " + file).isZero();
        assertThat(consoleErrors()).as("console errors of " + file).isEmpty();
        assertThat(browser.getTitle()).as(file.toString()).isNotBlank();
        try {
            Files.write(file.resolveSibling(file.getFileName() + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** SEVERE entries of the browser console since the last call (reading the log empties it). */
    private List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    private WebElement visible(By by) {
        WebElement element = browser.findElement(by);
        assertThat(element.isDisplayed()).as(by + " displayed").isTrue();
        return element;
    }

    /** How many of these SVG charts are on screen with a real size. */
    private int charts(String css) {
        List<WebElement> svgs = browser.findElements(By.cssSelector(css));
        assertThat(svgs).allSatisfy(svg -> {
            assertThat(svg.isDisplayed()).isTrue();
            assertThat(svg.getSize().getWidth()).isGreaterThan(300);
            assertThat(svg.getSize().getHeight()).isGreaterThan(100);
        });
        return svgs.size();
    }
}
