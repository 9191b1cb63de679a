package com.skillmirror.pose.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PipelinedEncoderTest {

    @Test
    @Timeout(120) // a caller left waiting for a dead encoder would hang here
    void anEncoderFailureReachesTheCallerInsteadOfHangingIt(@TempDir Path dir) throws Exception {
        // never started: its first record() fails on the encoder's thread
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(dir.resolve("x.mp4").toFile(), 64, 48, 0);
             PipelinedEncoder encoder = new PipelinedEncoder(recorder, 64, 48)) {
            encoder.submit(encoder.next());
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    encoder.submit(encoder.next());
                }
                encoder.finish();
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void copyKeepsEachRowWhateverTheStrides() {
        Frame source = new Frame(5, 3, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) source.image[0];
        for (int i = 0; i < pixels.capacity(); i++) {
            pixels.put(i, (byte) i);
        }
        Frame target = PipelinedEncoder.copy(source, new Frame(5, 3, Frame.DEPTH_UBYTE, 3));
        ByteBuffer copied = (ByteBuffer) target.image[0];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 15; x++) {
                assertThat(copied.get(y * target.imageStride + x)).isEqualTo(pixels.get(y * source.imageStride + x));
            }
        }
    }
}
