package com.skillmirror.decode;

import com.skillmirror.upload.VideoProbe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.testsupport.TestClips;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playlists and concat lists uploaded as videos: FFmpeg would follow them to other local files and to URLs. Each one
 * is refused with a message that says what it is, before FFmpeg opens it, so neither the local clip nor the web
 * address it names is read. The control cases show that an unrestricted FFmpeg does read the clip through the very
 * same files.
 */
class UploadedMediaTest {

    @TempDir
    Path dir;
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    Path clip;
    String url;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/segment.ts";
        clip = TestClips.video(dir.resolve("clip.mp4"), 160, 120, 10, 1, true, 0);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anHlsPlaylistIsRefusedAsAPlaylistWithoutReadingTheClipOrTheUrlItNames() throws Exception {
        Path playlist = Files.writeString(dir.resolve("team.m3u8"), "#EXTM3U\n#EXT-X-VERSION:3\n"
                + "#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n" + clip + "\n#EXTINF:1.0,\n" + url + "\n#EXT-X-ENDLIST\n");

        assertRefusedAsPlaylist(playlist);
        assertThat(requests).as("web requests made for the playlist").hasValue(0);

        // control: FFmpeg without our limits decodes the local clip the playlist names as if it were the upload
        try (FFmpegFrameGrabber plain = new FFmpegFrameGrabber(playlist.toFile())) {
            plain.start();
            assertThat(plain.getFormat()).isEqualTo("hls");
            assertThat(plain.grabImage()).isNotNull();
        }
    }

    @Test
    void anFfconcatListIsRefusedAsAPlaylistWithoutReadingTheClipItNames() throws Exception {
        Path list = Files.writeString(dir.resolve("squat.mp4"), "ffconcat version 1.0\nfile clip.mp4\nfile clip.mp4\n");

        assertRefusedAsPlaylist(list);

        // control: FFmpeg without our limits decodes the other file as if it were the upload
        try (FFmpegFrameGrabber plain = new FFmpegFrameGrabber(list.toFile())) {
            plain.start();
            assertThat(plain.getFormat()).isEqualTo("concat");
            assertThat(plain.grabImage()).isNotNull();
        }
    }

    @Test
    void ffmpegItselfRefusesAListEvenWhenTheContentCheckIsBypassed() throws Exception {
        Path playlist = Files.writeString(dir.resolve("list.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:10\n"
                + "#EXTINF:1.0,\n" + url + "\n#EXT-X-ENDLIST\n");
        Path concat = Files.writeString(dir.resolve("list.ffconcat"), "ffconcat version 1.0\nfile clip.mp4\n");
        for (Path file : new Path[] {playlist, concat}) {
            try (FFmpegFrameGrabber grabber = UploadedMedia.open(file)) {
                assertThatThrownBy(grabber::start).as(file.toString()).isInstanceOf(FFmpegFrameGrabber.Exception.class);
            }
        }
        assertThat(requests).hasValue(0);
        // the proxy and the audio track are written only through the same limits
        assertThatThrownBy(() -> AudioExtractor.toWav(concat, dir.resolve("audio.wav"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new ProxyTranscoder(720, 30).transcode(playlist, MediaProbe.probe(clip),
                dir.resolve("proxy.mp4"), dir.resolve("thumb.jpg"), percent -> { }))
                .isInstanceOf(UnusableMediaException.class);
        assertThat(requests).hasValue(0);
    }

    @Test
    void realVideosStillProbeAndOtherFilesKeepTheirMessages() throws Exception {
        VideoProbe probe = MediaProbe.probe(clip);
        assertThat(probe.container()).contains("mp4");
        assertThat(probe.width()).isEqualTo(160);
        assertThat(probe.hasAudio()).isTrue();
        Path avi = TestClips.video(dir.resolve("clip.avi"), 160, 120, 10, 1, false, 0);
        assertThat(MediaProbe.probe(avi).container()).isEqualTo("avi");
        assertThatThrownBy(() -> MediaProbe.probe(TestClips.audioOnly(dir.resolve("memo.m4a"), 0.5)))
                .hasMessageContaining("audio only");
        Path photo = dir.resolve("photo.mp4");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "jpg", photo.toFile());
        assertThatThrownBy(() -> MediaProbe.probe(photo)).hasMessageContaining("still image");
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is a text file, not a video\n");
        assertThatThrownBy(() -> MediaProbe.probe(text)).hasMessageStartingWith("Not a readable video");
    }

    private void assertRefusedAsPlaylist(Path file) {
        assertThatThrownBy(() -> MediaProbe.probe(file))
                .isInstanceOf(UnusableMediaException.class)
                .hasMessageStartingWith("This is a playlist")
                .hasMessageContaining("points to other files or web addresses, not a video")
                .hasMessageContaining("Upload the video file itself");
    }
}
