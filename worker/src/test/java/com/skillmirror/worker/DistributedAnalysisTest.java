package com.skillmirror.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestDatabase;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.testsupport.TestS3Server;
import com.skillmirror.testsupport.TestServices;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

/**
 * Manager and two worker processes together over the machine's real RabbitMQ, sharing the real PostgreSQL job
 * repository and a real S3-compatible store: the same results as the in-process run, and a job that survives a
 * worker killed with SIGKILL in the middle of a partition.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedAnalysisTest {

    static Path temp;
    static TestDatabase database;
    static TestS3Server s3;
    static Map<String, String> shared;
    static ConfigurableApplicationContext manager;
    static ConfigurableApplicationContext inProcess;
    static final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    static void startEverything() throws Exception {
        temp = Files.createTempDirectory("skillmirror-distributed-");
        database = TestDatabase.create();
        s3 = new TestS3Server(Files.createDirectories(temp.resolve("s3")));
        shared = ClusterProperties.shared(database.url(), database.username(), temp.resolve("home"), s3,
                "distributed-test", TestServices.current().rabbitmq().host(), TestServices.current().rabbitmq().port());
        manager = ClusterProperties.start(ClusterProperties.manager(shared));
        Map<String, String> localProps = new HashMap<>(shared);
        localProps.put("skillmirror.worker.enabled", "false");
        localProps.put("skillmirror.distributed", "false");
        inProcess = ClusterProperties.start(localProps);

        for (int i = 1; i <= 2; i++) {
            workers.add(WorkerProcess.start("worker-" + i, shared, temp));
        }
        for (WorkerProcess worker : workers) {
            worker.awaitStarted(Duration.ofMinutes(2));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
        if (manager != null) {
            manager.close();
        }
        if (inProcess != null) {
            inProcess.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void twoWorkersGiveTheSameResultsAsTheInProcessRun() throws Exception {
        List<Path> files = mediaSet(Files.createDirectories(temp.resolve("set1")));
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        long partitionsBefore = decodePartitionsRun();

        UUID local = upload(inProcess, files);
        JobExecution localRun = inProcess.getBean(AnalysisLauncher.class).run(local);
        UUID remote = upload(manager, files);
        // the pose stage runs only in the workers: its events reach the manager through the RabbitMQ fan-out
        List<Long> brokerDelaysMs = new CopyOnWriteArrayList<>();
        manager.addApplicationListener(ApplicationListener.forPayload((ProgressEvent event) -> {
            if (remote.equals(event.uploadId()) && "pose".equals(event.stage()) && event.videoId() != null) {
                brokerDelaysMs.add(System.currentTimeMillis() - event.timestampMs());
            }
        }));
        JobExecution remoteRun = manager.getBean(AnalysisLauncher.class).run(remote);

        assertThat(localRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(remoteRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Object> localResults = comparable(inProcess, local);
        Map<String, Object> remoteResults = comparable(manager, remote);
        assertThat(remoteResults).hasSize(files.size()).isEqualTo(localResults);
        // the remote partitions really ran in the worker processes, each exactly once, spread over both
        assertThat(decodePartitionsRun() - partitionsBefore).isEqualTo(files.size());
        for (WorkerProcess worker : workers) {
            assertThat(worker.count("Running partition")).as(worker.tail()).isPositive();
        }
        assertThat(brokerDelaysMs).as("pose progress events from the workers").isNotEmpty();
        List<Long> sorted = brokerDelaysMs.stream().sorted().toList();
        // reported, not asserted: the same clock on both sides, so emitted-to-received is the broker hop
        System.out.printf("Progress events from worker processes through RabbitMQ: %d, delay from emit to the manager's"
                        + " listener min %d ms, median %d ms, p95 %d ms, max %d ms%n", sorted.size(), sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                sorted.get(sorted.size() - 1));
    }

    @Test
    @Order(2)
    void aWorkerKilledDuringThePoseStepIsResumedFromItsLastChunkAndEveryFrameIsStoredOnce() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("set2"));
        List<Path> files = new ArrayList<>(mediaSet(dir));
        // a long real clip (80 s of pedestrians), so its pose partition is surely running when the worker dies
        files.add(0, TestMedia.file("opencv_vtest_pedestrians.avi"));
        UUID uploadId = upload(manager, files);
        VideoRepository videos = manager.getBean(VideoRepository.class);
        JdbcClient jdbc = manager.getBean(JdbcClient.class);
        Video vtest = videos.findByUpload(uploadId).get(0);
        CompletableFuture<JobExecution> job = CompletableFuture.supplyAsync(() -> {
            try {
                return manager.getBean(AnalysisLauncher.class).run(uploadId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // wait until the long clip's pose partition has committed a few chunks, then SIGKILL the worker running it
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Long stepExecutionId = null;
        while (stepExecutionId == null) {
            assertThat(System.nanoTime()).as("the pose partition never got going").isLessThan(deadline);
            stepExecutionId = jdbc.sql("""
                    SELECT step_execution_id FROM batch_step_execution
                    WHERE step_name LIKE ? AND status = 'STARTED' AND commit_count >= 3""")
                    .param("poseWorker:%" + vtest.id() + "%").query(Long.class).optional().orElse(null);
            Thread.sleep(50);
        }
        int victimIndex = -1;
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i).count("stepExecutionId=" + stepExecutionId + ",") > 0) {
                victimIndex = i;
            }
        }
        assertThat(victimIndex).as("no worker logged partition " + stepExecutionId).isNotNegative();
        workers.get(victimIndex).kill();
        // the operator restarts the dead worker; it (or the survivor) takes the redelivered partition
        WorkerProcess replacement = WorkerProcess.start("worker-" + (victimIndex + 1) + "-restarted", shared, temp);
        workers.set(victimIndex, replacement);
        replacement.awaitStarted(Duration.ofMinutes(2));

        JobExecution execution = job.get(5, TimeUnit.MINUTES);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long resumed = 0;
        for (WorkerProcess worker : workers) {
            resumed += worker.count("Resuming pose of video " + vtest.id() + " at frame ");
        }
        assertThat(resumed).as("the interrupted partition resumed from its last chunk").isEqualTo(1);

        // every analysed frame of the long clip is in the landmark series exactly once
        ObjectStorage storage = manager.getBean(ObjectStorage.class);
        PoseSeries series;
        try (var in = storage.get("uploads/" + uploadId + "/videos/" + vtest.id() + "/pose/series.bin")) {
            series = PoseSeries.read(in);
        }
        int frames = videos.proxyFrames(vtest.id());
        assertThat(series.frames()).extracting(PoseFrame::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, frames).boxed().toList());
        assertThat(videos.find(vtest.id()).orElseThrow().status().name()).isEqualTo("COMPLETED");

        for (Video video : videos.findByUpload(uploadId)) {
            assertThat(jdbc.sql("SELECT count(*) FROM stage_result WHERE video_id = ? AND stage = 'decode'")
                    .param(video.id()).query(Integer.class).single()).isEqualTo(1);
            String prefix = "uploads/" + uploadId + "/videos/" + video.id() + "/";
            assertThat(storage.list(prefix)).doesNotHaveDuplicates().noneMatch(k -> k.endsWith(".part"));
        }
        // every partition's last execution completed; the interrupted one was run again, not skipped
        List<Map<String, Object>> partitions = jdbc.sql("""
                SELECT step_name, status FROM batch_step_execution
                WHERE job_execution_id = ? AND (step_name LIKE 'decodeWorker:%' OR step_name LIKE 'poseWorker:%')""")
                .param(execution.getId()).query().listOfRows();
        assertThat(partitions).isNotEmpty().allMatch(r -> "COMPLETED".equals(r.get("status")));
    }

    private static long decodePartitionsRun() throws Exception {
        long total = 0;
        for (WorkerProcess worker : workers) {
            total += worker.count("stepName=decodeWorker]");
        }
        return total;
    }

    /** Six or more real and generated videos, one of them not a video at all. */
    private static List<Path> mediaSet(Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(TestMedia.file("forensics_movie-hello_talking_head.mp4"));
        files.add(TestMedia.file("mecavideo_g1_cyclist.avi"));
        files.add(TestMedia.file("kphotoalbum_talking_head.avi"));
        files.add(TestClips.video(dir.resolve("generated-with-audio.mp4"), 640, 360, 25, 2, true, 0));
        files.add(TestClips.video(dir.resolve("generated-phone-portrait.mp4"), 640, 360, 30, 1.5, false, -90));
        files.add(TestClips.video(dir.resolve("generated-silent.mp4"), 320, 240, 15, 2, false, 0));
        files.add(Files.writeString(dir.resolve("not-a-video.mp4"), "plain text\n"));
        return files;
    }

    private static UUID upload(ConfigurableApplicationContext context, List<Path> files) throws Exception {
        List<IncomingFile> incoming = new ArrayList<>();
        for (Path p : files) {
            incoming.add(new IncomingFile(p.getFileName().toString(), Files.size(p), () -> Files.newInputStream(p),
                    "athlete", null));
        }
        return context.getBean(UploadService.class).create(incoming).uploadId();
    }

    /** Per file name: status, error and every stage's result; ids, keys and report dates differ between runs by design. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> comparable(ConfigurableApplicationContext context, UUID uploadId) {
        Map<String, Object> out = new HashMap<>();
        for (Map<String, Object> video : (List<Map<String, Object>>) context.getBean(AnalysisResults.class)
                .upload(uploadId).get("videos")) {
            Map<String, Object> v = new LinkedHashMap<>(video);
            v.remove("videoId");
            v.remove("uploadId");
            v.put("artifacts", ((Map<String, String>) v.get("artifacts")).keySet());
            // a report's size depends on its ids and date, not on where it ran: compare its status only
            Map<String, Map<String, Object>> stages = new LinkedHashMap<>((Map<String, Map<String, Object>>) v.get("stages"));
            stages.computeIfPresent("report", (k, report) -> Map.of("status", report.get("status")));
            stages.computeIfPresent("speech", (k, speech) -> withoutTranscript(speech));
            v.put("stages", stages);
            out.put((String) video.get("file"), v);
        }
        return out;
    }

    /**
     * The speech stage's result without what rests on the words: Vosk's decoder is not bit-for-bit repeatable (two
     * runs of the same audio can differ in a word and in its confidences), so the transcript is checked for being
     * there, findings are compared by their codes, and everything measured on the audio itself must still be equal.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTranscript(Map<String, Object> speech) {
        if (!(speech.get("result") instanceof Map<?, ?> result)) {
            return speech;
        }
        Map<String, Object> measured = new LinkedHashMap<>((Map<String, Object>) result);
        Object transcript = measured.remove("transcript");
        if (transcript instanceof Map<?, ?> t && !Boolean.TRUE.equals(t.get("empty"))) {
            assertThat((String) t.get("text")).as("a transcript").isNotBlank();
        }
        measured.remove("transcriptConfidence");
        measured.remove("transcriptStats");
        // findings and feedback quote the transcript's figures (words per minute, its confidence): compared by code,
        // without the codes the words decide (pace from words per minute, fillers, repeated words, and so all-good)
        measured.replaceAll((key, value) -> value instanceof List<?> items && !items.isEmpty()
                && items.stream().allMatch(item -> item instanceof Map<?, ?> m && m.containsKey("code"))
                ? items.stream().map(item -> String.valueOf(((Map<?, ?>) item).get("code")))
                        .filter(code -> !code.startsWith("pace.") && !code.startsWith("fillers.")
                                && !code.startsWith("words.") && !code.equals("delivery.good"))
                        .toList() : value);
        Map<String, Object> out = new LinkedHashMap<>(speech);
        out.put("result", measured);
        return out;
    }
}
