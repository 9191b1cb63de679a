package com.skillmirror.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal in headless Chromium (Debian packages chromium + chromium-driver): sign in, create a team and its
 * roster, upload three generated clips with drag-and-drop's file input, watch the live progress page until the
 * analysis ends. Screenshots go to web-portal/target/screenshots.
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest extends PortalTestSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Set<String> FINISHED = Set.of("COMPLETED", "PARTIAL", "FAILED");

    @LocalServerPort
    int port;
    private WebDriver browser;
    private final Path screenshots = Path.of("target", "screenshots");

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void coachSignsInBuildsATeamUploadsThreeClipsAndWatchesThemFinish() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs the Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        Files.createDirectories(screenshots);
        // two generated clips (a moving square: no person, so the pose stage fails them with its message) and one
        // clip of a real photo of a footballer, which the whole analysis completes
        List<Path> clips = new ArrayList<>();
        clips.add(TestClips.video(home.resolve("clip-1.mp4"), 320, 240, 15, 1.0, false, 0));
        clips.add(TestClips.video(home.resolve("clip-2.mp4"), 320, 240, 15, 1.0, false, 0));
        clips.add(stillClip(TestMedia.file("opencv_messi5.jpg"), home.resolve("clip-3.mp4"), 2.0));
        List<String> expected = List.of("FAILED", "FAILED", "COMPLETED");
        Account coach = user(Role.COACH);
        browser = chrome();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // pages reload after each form post; an element found just before the reload is simply looked up again
        wait.ignoring(StaleElementReferenceException.class);
        String base = "http://localhost:" + port;

        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(coach.username());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        shot("01-login");
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-team")));

        String teamName = "U17 <b>Squad</b> " + UUID.randomUUID().toString().substring(0, 4);
        browser.findElement(By.cssSelector("#create-team input[name=name]")).sendKeys(teamName);
        browser.findElement(By.cssSelector("#create-team button")).click();
        wait.until(ExpectedConditions.urlContains("/teams/"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(teamName);
        for (String name : List.of("Ana", "Ben", "Cleo")) {
            browser.findElement(By.cssSelector("#add-athlete input[name=name]")).sendKeys(name);
            browser.findElement(By.cssSelector("#add-athlete button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#roster .athlete-name")).stream().anyMatch(e -> e.getText().equals(name)));
        }
        shot("02-team");

        browser.findElement(By.linkText("Upload videos for this team")).click();
        wait.until(d -> d.findElements(By.cssSelector("#team option")).size() > 1);
        WebElement input = browser.findElement(By.id("files"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].hidden = false;", input);
        input.sendKeys(String.join("\n", clips.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        wait.until(d -> d.findElements(By.cssSelector("#queue tbody tr")).size() == 3);
        wait.until(d -> d.findElements(By.cssSelector("#queue select.athlete option")).size() >= 3 * 4);
        List<WebElement> selects = browser.findElements(By.cssSelector("#queue select.athlete"));
        for (int i = 0; i < 3; i++) {
            new Select(selects.get(i)).selectByVisibleText(List.of("Ana", "Ben", "Cleo").get(i));
        }
        shot("03-upload-queued");
        browser.findElement(By.id("start")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status-link")));
        assertThat(browser.findElements(By.cssSelector("#queue progress"))).allSatisfy(p ->
                assertThat(p.getAttribute("value")).isEqualTo("100"));
        shot("04-uploaded");
        browser.findElement(By.id("status-link")).click();
        String uploadId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        // live progress: the page follows the server-sent events until the upload is finished
        WebDriverWait analysis = new WebDriverWait(browser, Duration.ofMinutes(3));
        analysis.ignoring(StaleElementReferenceException.class);
        analysis.until(d -> FINISHED.contains(d.findElement(By.id("upload-status")).getText()));
        analysis.until(d -> d.findElement(By.id("connection")).getText().equals("(finished)"));
        String dbStatus = jdbc.sql("SELECT status FROM upload WHERE id = ?::uuid").param(uploadId).query(String.class).single();
        assertThat(browser.findElement(By.id("upload-status")).getText()).isEqualTo(dbStatus).isEqualTo("PARTIAL");
        List<Map<String, Object>> videos = jdbc.sql("""
                SELECT v.id, v.original_name, v.status, coalesce(v.error_message, '') AS error, a.name AS athlete
                  FROM video v JOIN athlete a ON a.id = v.athlete_id WHERE v.upload_id = ?::uuid ORDER BY v.position""")
                .param(uploadId).query().listOfRows();
        assertThat(videos).extracting(v -> v.get("athlete")).containsExactly("Ana", "Ben", "Cleo");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> video = videos.get(i);
            assertThat(video.get("status")).as("%s: %s", video.get("original_name"), video.get("error")).isEqualTo(expected.get(i));
            WebElement row = browser.findElement(By.cssSelector("tr[data-video-id='" + video.get("id") + "']"));
            analysis.until(d -> row.findElement(By.cssSelector("td.status")).getText().equals(video.get("status")));
            assertThat(row.findElement(By.cssSelector("td.file")).getText()).isEqualTo("clip-" + (i + 1) + ".mp4");
            String error = video.get("error").toString();
            if (!error.isEmpty()) {
                analysis.until(d -> row.findElement(By.cssSelector("td.message")).getText().contains(error));
            }
        }
        shot("05-status-finished");
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

    private WebDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void shot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), screenshots.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
