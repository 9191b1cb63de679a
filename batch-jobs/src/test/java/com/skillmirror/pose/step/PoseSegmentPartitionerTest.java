package com.skillmirror.pose.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoProbe;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Pose partitions: every decoded frame of every video still in the running lands in exactly one segment. */
@SpringBootTest(classes = TestAnalysisApplication.class)
class PoseSegmentPartitionerTest extends OwnDatabaseTest {

    @Autowired
    UploadService uploads;
    @Autowired
    VideoRepository videos;

    @Test
    void segmentsCoverEveryFrameOfEachActiveVideoOnce() throws IOException {
        List<Video> created = upload("long.mp4", "exact.mp4", "short.mp4", "broken.mp4");
        decoded(created.get(0), 250);
        decoded(created.get(1), 200);
        decoded(created.get(2), 7);
        videos.markFailed(created.get(3).id(), "decode", "not a video");

        Map<String, ExecutionContext> partitions =
                new PoseSegmentPartitioner(videos, created.get(0).uploadId(), 100).partition(2);

        Map<UUID, List<int[]>> segments = new HashMap<>();
        partitions.values().forEach(c -> {
            assertThat(c.getString(VideoPartitioner.UPLOAD_ID)).isEqualTo(created.get(0).uploadId().toString());
            segments.computeIfAbsent(UUID.fromString(c.getString(VideoPartitioner.VIDEO_ID)), k -> new ArrayList<>())
                    .add(new int[] {c.getInt(PoseSegment.START), c.getInt(PoseSegment.END)});
        });
        assertThat(segments).containsOnlyKeys(created.get(0).id(), created.get(1).id(), created.get(2).id());
        assertThat(segments.get(created.get(0).id())).hasSize(3);
        assertThat(segments.get(created.get(1).id())).hasSize(2);
        assertThat(segments.get(created.get(2).id())).singleElement().satisfies(s -> assertThat(s).containsExactly(0, 7));
        assertCoversOnce(segments.get(created.get(0).id()), 250, 100);
        assertCoversOnce(segments.get(created.get(1).id()), 200, 100);
        assertThat(partitions.keySet()).doesNotHaveDuplicates().allMatch(name -> name.startsWith("video-"));
    }

    @Test
    void aVideoWithoutDecodedFramesStillGetsOneEmptySegment() throws IOException {
        Video video = upload("undecoded.mp4").get(0);

        Map<String, ExecutionContext> partitions = new PoseSegmentPartitioner(videos, video.uploadId(), 100).partition(4);

        assertThat(partitions.values()).singleElement().satisfies(c -> {
            assertThat(c.getInt(PoseSegment.START)).isZero();
            assertThat(c.getInt(PoseSegment.END)).isZero();
        });
    }

    private static void assertCoversOnce(List<int[]> segments, int frames, int segmentFrames) {
        int[] seen = new int[frames];
        for (int[] s : segments) {
            assertThat(s[1] - s[0]).isPositive().isLessThanOrEqualTo(segmentFrames);
            for (int f = s[0]; f < s[1]; f++) {
                seen[f]++;
            }
        }
        for (int f = 0; f < frames; f++) {
            assertThat(seen[f]).as("segments holding frame " + f).isEqualTo(1);
        }
    }

    private void decoded(Video video, int proxyFrames) {
        videos.recordProbe(video.id(), new VideoProbe("mp4", "h264", null, 640, 360, 0, proxyFrames * 40L, 25, false,
                0, 0), false, 25, proxyFrames);
    }

    private List<Video> upload(String... names) throws IOException {
        List<IncomingFile> files = new ArrayList<>();
        for (String name : names) {
            byte[] bytes = name.getBytes();
            files.add(new IncomingFile(name, bytes.length, () -> new ByteArrayInputStream(bytes), null, "squat"));
        }
        return uploads.create(files).videos();
    }
}
