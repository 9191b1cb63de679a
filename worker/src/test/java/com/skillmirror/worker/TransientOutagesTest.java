package com.skillmirror.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestDatabase;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.testsupport.TcpForwarder;
import com.skillmirror.testsupport.TestServices;
import com.skillmirror.testsupport.TestS3Server;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * PostgreSQL and RabbitMQ taken away during the pose stage of a real distributed job (manager here, a worker
 * process), through loopback forwarders that reset every connection and refuse new ones: a short outage is ridden
 * out (the job completes, every video's results once, statuses agreeing); one longer than the retry budget fails the upload saying how to resume, and the
 * resume completes it without running completed partitions again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransientOutagesTest {

    static Path temp;
    static TestDatabase database;
    static TestS3Server s3;
    static TcpForwarder postgres;
    static TcpForwarder rabbit;
    static JdbcClient direct;
    static ConfigurableApplicationContext manager;
    static WorkerProcess worker;
    static final List<ProgressEvent> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startEverything() throws Exception {
        temp = Files.createTempDirectory("skillmirror-outages-");
        database = TestDatabase.create();
        s3 = new TestS3Server(Files.createDirectories(temp.resolve("s3")));
        URI pg = URI.create(database.url().substring("jdbc:".length()));
        postgres = new TcpForwarder(pg.getHost(), pg.getPort());
        TestServices.Address rabbitmq = TestServices.current().rabbitmq();
        rabbit = new TcpForwarder(rabbitmq.host(), rabbitmq.port());
        // the test's own look at the database, past the forwarder
        direct = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(),
                database.username(), ""));
        Map<String, String> shared = ClusterProperties.shared(
                database.url().replace(pg.getHost() + ":" + pg.getPort(), "127.0.0.1:" + postgres.port()),
                database.username(), temp.resolve("home"), s3, "outages-test", "127.0.0.1", rabbit.port());
        // small budgets, so the long outage outlasts them quickly
        shared.put("spring.datasource.hikari.connection-timeout", "3000");
        shared.put("skillmirror.recovery.attempts", "2");
        shared.put("skillmirror.recovery.backoff", "500ms");
        shared.put("skillmirror.recovery.max-backoff", "2s");
        shared.put("skillmirror.recovery.service-wait", "12s");
        shared.put("skillmirror.recovery.stale-after", "1m");
        manager = ClusterProperties.start(ClusterProperties.manager(shared));
        manager.addApplicationListener(ApplicationListener.forPayload((ProgressEvent event) -> received.add(event)));
        worker = WorkerProcess.start("worker", shared, temp);
        worker.awaitStarted(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (manager != null) {
            manager.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {postgres, rabbit, s3, database}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void aShortOutageOfPostgresAndRabbitDuringPoseIsRiddenOut() throws Exception {
        UUID uploadId = upload(clips("short"));
        Video walkers = videos().findByUpload(uploadId).get(0);
        CompletableFuture<JobExecution> job = runAsync(uploadId);

        awaitPoseCommits(walkers);
        postgres.cut();
        rabbit.cut();
        Thread.sleep(10_000);
        long restoredAt = System.currentTimeMillis();
        postgres.restore();
        rabbit.restore();

        JobExecution execution = job.get(6, TimeUnit.MINUTES);
        assertThat(execution.getStatus()).as(worker.tail()).isEqualTo(BatchStatus.COMPLETED);
        assertEveryVideoEndedOnceAndAgrees(uploadId, walkers);
        // the upload's events went on after the outage: the manager's progress queue outlived its connection
        assertThat(received).anyMatch(e -> uploadId.equals(e.uploadId()) && e.timestampMs() > restoredAt
                && walkers.id().equals(e.videoId()));
        System.out.printf("Short outage (10 s, PostgreSQL and RabbitMQ): %d job executions, %d progress events of the"
                + " upload received%n", executions(uploadId),
                received.stream().filter(e -> uploadId.equals(e.uploadId())).count());
    }

    @Test
    @Order(2)
    void aLongOutageFailsTheUploadSayingHowToResumeAndTheResumeCompletesIt() throws Exception {
        UUID uploadId = upload(clips("long"));
        Video walkers = videos().findByUpload(uploadId).get(0);
        CompletableFuture<JobExecution> job = runAsync(uploadId);

        awaitPoseCommits(walkers);
        postgres.cut();
        // well past the failure's detection (Hikari's 3 s, several times over) and the 12 s the manager then waits for
        // the services, however slow the machine
        Thread.sleep(60_000);
        postgres.restore();

        JobExecution failed = job.get(6, TimeUnit.MINUTES);
        assertThat(failed.getStatus()).isNotEqualTo(BatchStatus.COMPLETED);
        // once the database answers, the upload says it failed and how to resume; no video claims results it lacks
        awaitUploadStatus(uploadId, "FAILED");
        List<Map<String, Object>> rows = direct.sql("SELECT v.id, v.status, v.error_message,"
                + " EXISTS (SELECT 1 FROM stage_result s WHERE s.video_id = v.id AND s.stage = 'report'"
                + " AND s.status = 'COMPLETED') AS reported FROM video v WHERE v.upload_id = ?")
                .param(uploadId).query().listOfRows();
        assertThat(rows).anyMatch(r -> "INTERRUPTED".equals(r.get("status")));
        for (Map<String, Object> r : rows) {
            if ("COMPLETED".equals(r.get("status"))) {
                assertThat(r.get("reported")).as("a COMPLETED video has its report").isEqualTo(true);
            }
            if ("INTERRUPTED".equals(r.get("status"))) {
                assertThat((String) r.get("error_message")).contains("could not be reached")
                        .contains("./skillmirror resume " + uploadId).contains("Resume button");
            }
        }
        long decodesBefore = completedPartitions(uploadId, "decodeWorker:%");

        assertThat(manager.getBean(AnalysisLauncher.class).resume(uploadId, true))
                .isEqualTo(AnalysisLauncher.Resumed.RESUMED);
        assertThat(direct.sql("SELECT status FROM batch_job_execution e JOIN batch_job_execution_params p"
                        + " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_value = ?"
                        + " ORDER BY e.job_execution_id DESC LIMIT 1").param(uploadId.toString())
                .query(String.class).single()).isEqualTo("COMPLETED");
        assertEveryVideoEndedOnceAndAgrees(uploadId, walkers);
        // decode had completed for every video before the outage: the resume ran none of it again
        assertThat(decodesBefore).isEqualTo(videos().findByUpload(uploadId).size());
        assertThat(completedPartitions(uploadId, "decodeWorker:%")).isEqualTo(decodesBefore);
        assertThat(worker.count("Resuming pose of video " + walkers.id() + " at frame "))
                .as("the interrupted pose partition resumed from its last chunk").isPositive();
        // a second resume has nothing left to do
        assertThat(manager.getBean(AnalysisLauncher.class).resume(uploadId, true))
                .isEqualTo(AnalysisLauncher.Resumed.COMPLETED);
    }

    /** Statuses agree with what is stored: a COMPLETED video has its report and each pose frame once. */
    private static void assertEveryVideoEndedOnceAndAgrees(UUID uploadId, Video walkers) throws Exception {
        VideoRepository videos = videos();
        List<Video> all = videos.findByUpload(uploadId);
        assertThat(all).allMatch(v -> v.status().name().equals("COMPLETED")
                || (v.status().name().equals("FAILED") && !"job".equals(v.failedStage())));
        long failed = all.stream().filter(v -> v.status().name().equals("FAILED")).count();
        assertThat(videos.uploadStatus(uploadId)).contains(failed == 0 ? "COMPLETED" : "PARTIAL");
        ObjectStorage storage = manager.getBean(ObjectStorage.class);
        for (Video video : all) {
            if (video.status().name().equals("COMPLETED")) {
                assertThat(direct.sql("SELECT count(*) FROM stage_result WHERE video_id = ? AND stage = 'report'"
                        + " AND status = 'COMPLETED'").param(video.id()).query(Integer.class).single()).isEqualTo(1);
            }
            String prefix = "uploads/" + uploadId + "/videos/" + video.id() + "/";
            assertThat(storage.list(prefix)).doesNotHaveDuplicates().noneMatch(k -> k.endsWith(".part"));
        }
        PoseSeries series;
        try (var in = storage.get("uploads/" + uploadId + "/videos/" + walkers.id() + "/pose/series.bin")) {
            series = PoseSeries.read(in);
        }
        assertThat(series.frames()).extracting(PoseFrame::index)
                .containsExactlyElementsOf(IntStream.range(0, videos.proxyFrames(walkers.id())).boxed().toList());
    }

    /** Walkers long enough for the cut to land mid-pose, a talking head, a generated clip. */
    private static List<Path> clips(String name) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        return List.of(
                TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"), dir.resolve("walkers.mp4"), 0, 30,
                        "null"),
                TestMedia.file("forensics_movie-hello_talking_head.mp4"),
                TestClips.video(dir.resolve("generated.mp4"), 320, 240, 15, 2, true, 0));
    }

    private static void awaitPoseCommits(Video video) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (direct.sql("SELECT count(*) FROM batch_step_execution WHERE step_name LIKE ? AND status = 'STARTED'"
                        + " AND commit_count >= 2").param("poseWorker:%" + video.id() + "%")
                .query(Integer.class).single() == 0) {
            assertThat(System.nanoTime()).as("the pose partition never got going").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitUploadStatus(UUID uploadId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!status.equals(direct.sql("SELECT status FROM upload WHERE id = ?").param(uploadId)
                .query(String.class).single())) {
            assertThat(System.nanoTime()).as("the upload never became " + status).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Completed partition executions of the upload's job instance (every execution of it) whose name matches. */
    private static long completedPartitions(UUID uploadId, String stepName) {
        return direct.sql("""
                SELECT count(*) FROM batch_step_execution s
                JOIN batch_job_execution_params p ON p.job_execution_id = s.job_execution_id
                WHERE p.parameter_value = ? AND s.step_name LIKE ? AND s.status = 'COMPLETED'""")
                .params(uploadId.toString(), stepName).query(Long.class).single();
    }

    private static int executions(UUID uploadId) {
        return direct.sql("SELECT count(*) FROM batch_job_execution_params WHERE parameter_value = ?")
                .param(uploadId.toString()).query(Integer.class).single();
    }

    private static CompletableFuture<JobExecution> runAsync(UUID uploadId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return manager.getBean(AnalysisLauncher.class).run(uploadId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static VideoRepository videos() {
        return manager.getBean(VideoRepository.class);
    }

    private static UUID upload(List<Path> files) throws Exception {
        List<IncomingFile> incoming = new ArrayList<>();
        for (Path p : files) {
            incoming.add(new IncomingFile(p.getFileName().toString(), Files.size(p), () -> Files.newInputStream(p),
                    "athlete", null));
        }
        return manager.getBean(UploadService.class).create(incoming).uploadId();
    }
}
