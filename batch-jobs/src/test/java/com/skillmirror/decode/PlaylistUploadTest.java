package com.skillmirror.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import com.skillmirror.upload.VideoStatus;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An HLS playlist and an ffconcat list uploaded as videos (stored encrypted, decoded from a temporary copy like
 * every upload): each fails alone at decode with a message that says it is a playlist, and FFmpeg never asks for
 * the web address they name.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class PlaylistUploadTest extends OwnDatabaseTest {

    @Autowired
    UploadService uploads;
    @Autowired
    AnalysisLauncher launcher;
    @Autowired
    VideoRepository videos;

    @Test
    void playlistsUploadedAsVideosFailWithAClearMessageAndFetchNothing(@TempDir Path dir) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/segment.ts";
            Path clip = TestClips.video(dir.resolve("clip.mp4"), 160, 120, 10, 1, false, 0);
            String hls = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n" + clip + "\n#EXTINF:1.0,\n" + url
                    + "\n#EXT-X-ENDLIST\n";
            String concat = "ffconcat version 1.0\nfile original\nfile " + clip + "\nfile " + url + "\n";

            UploadService.Created upload = uploads.create(List.of(file("team.m3u8", hls), file("squat.mp4", concat)));
            assertThat(launcher.run(upload.uploadId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);

            List<Video> stored = videos.findByUpload(upload.uploadId());
            assertThat(stored).hasSize(2);
            for (Video video : stored) {
                assertThat(video.status()).as(video.originalName()).isEqualTo(VideoStatus.FAILED);
                assertThat(video.failedStage()).isEqualTo("decode");
                assertThat(video.errorMessage()).as(video.originalName())
                        .startsWith("This is a playlist")
                        .contains("not a video", "Upload the video file itself");
            }
            assertThat(requests).as("web requests made by the analysis").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    private static IncomingFile file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new IncomingFile(name, bytes.length, () -> new java.io.ByteArrayInputStream(bytes), "Zoë", "squat");
    }
}
