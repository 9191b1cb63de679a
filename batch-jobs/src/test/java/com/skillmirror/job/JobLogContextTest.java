package com.skillmirror.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real job with the structured JSON console log (ECS, as the json-logs profile sets it): the lines written while a
 * step of the job runs carry the upload, job execution, step and step execution ids, and a video's partition its
 * video id, as fields of their own; nothing stays in the MDC of the thread that ran the job.
 */
@SpringBootTest(classes = TestAnalysisApplication.class, properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class JobLogContextTest extends OwnDatabaseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    UploadService uploads;
    @Autowired
    AnalysisLauncher launcher;
    @Autowired
    VideoRepository videos;

    @Test
    void everyLineOfAJobCarriesItsIds(CapturedOutput output, @TempDir Path dir) throws Exception {
        Path clip = TestClips.video(dir.resolve("square.mp4"), 160, 120, 10, 1, false, 0);
        Path text = Files.writeString(dir.resolve("notes.mp4"), "a text file, not a video\n");
        List<IncomingFile> files = new ArrayList<>();
        for (Path p : List.of(clip, text)) {
            files.add(new IncomingFile(p.getFileName().toString(), Files.size(p), () -> Files.newInputStream(p),
                    null, null));
        }
        UploadService.Created upload = uploads.create(files);
        String uploadId = upload.uploadId().toString();
        Video notes = videos.findByUpload(upload.uploadId()).stream()
                .filter(v -> v.originalName().equals("notes.mp4")).findFirst().orElseThrow();

        JobExecution execution = launcher.run(upload.uploadId());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, String> left = MDC.getCopyOfContextMap();
        assertThat(left == null ? Map.of() : left).as("nothing left in the launching thread's MDC").isEmpty();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).as("the console log is JSON").isNotEmpty();
        List<JsonNode> ofTheJob = lines.stream().filter(l -> uploadId.equals(text(l, "uploadId"))).toList();
        assertThat(ofTheJob).isNotEmpty();
        for (JsonNode line : ofTheJob) {
            assertThat(text(line, "jobExecutionId")).as(line.toString()).isEqualTo(String.valueOf(execution.getId()));
        }

        // the decode partition of the text file says it cannot be analysed: with the video, step and their ids
        JsonNode refused = ofTheJob.stream().filter(l -> text(l, "message").contains("cannot be analysed"))
                .findFirst().orElseThrow(() -> new AssertionError("no decode line of the job in " + lines.size() + " lines"));
        assertThat(text(refused, "videoId")).isEqualTo(notes.id().toString());
        assertThat(text(refused, "step")).startsWith("decodeWorker:");
        assertThat(text(refused, "stepExecutionId")).matches("[0-9]+");

        // every line a video's partition wrote names the upload, the step and its execution
        List<JsonNode> ofVideos = lines.stream().filter(l -> !text(l, "videoId").isEmpty()).toList();
        assertThat(ofVideos).isNotEmpty();
        for (JsonNode line : ofVideos) {
            assertThat(text(line, "uploadId")).as(line.toString()).isEqualTo(uploadId);
            assertThat(text(line, "step")).as(line.toString()).isNotEmpty();
            assertThat(text(line, "stepExecutionId")).as(line.toString()).isNotEmpty();
        }
        // Spring Batch's own lines about the job's steps carry the job's ids too
        assertThat(ofTheJob).anySatisfy(l -> assertThat(text(l, "message")).startsWith("Step: [decode] executed"));
        // and lines written outside any job carry none
        assertThat(lines.stream().filter(l -> text(l, "message").startsWith("Started ")))
                .allSatisfy(l -> assertThat(text(l, "uploadId")).isEmpty());
    }

    /** A field of an ECS line, flat ("log.logger") or nested ({"log": {"logger": ...}}); "" when absent. */
    private static String text(JsonNode line, String field) {
        JsonNode node = line.get(field);
        if (node == null) {
            node = line;
            for (String part : field.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
        }
        return node == null || node.isNull() ? "" : node.asString();
    }
}
