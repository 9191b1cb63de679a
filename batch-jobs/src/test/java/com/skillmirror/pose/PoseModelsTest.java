package com.skillmirror.pose;

import com.skillmirror.landmarks.PoseModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseModelsTest {

    @Test
    void resolvesAllModelsAsTfliteFlatbuffers() throws Exception {
        PoseModels models = PoseModels.resolve();
        assertThat(PoseModels.looksLikeTflite(Files.readAllBytes(models.detector()))).isTrue();
        for (PoseModel m : PoseModel.values()) {
            assertThat(PoseModels.looksLikeTflite(Files.readAllBytes(models.landmark(m)))).as(m.name()).isTrue();
        }
        // no temporary files left behind
        try (var files = Files.list(models.directory())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void overrideDirectoryMustHoldTheModels(@TempDir Path dir) {
        assertThatThrownBy(() -> PoseModels.inDirectory(dir))
                .isInstanceOf(PoseModels.PoseModelsException.class)
                .hasMessageContaining("pose_detection.tflite")
                .hasMessageContaining(PoseModels.DIR_PROPERTY);
    }

    @Test
    void overrideDirectoryIsUsedAsIs() throws Exception {
        PoseModels cached = PoseModels.resolve();
        PoseModels same = PoseModels.inDirectory(cached.directory());
        assertThat(same.detector()).isEqualTo(cached.detector());
    }

    @Test
    void integrityCheckUsesSha512(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc", StandardCharsets.US_ASCII);
        // FIPS 180-2 test vector: SHA-512("abc")
        String abc = "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==";
        PoseModels.verifyIntegrity(f, abc);
        assertThatThrownBy(() -> PoseModels.verifyIntegrity(f, PoseModels.NPM_INTEGRITY))
                .hasMessageContaining("Integrity check failed");
    }

    @Test
    void packedAssetRangeIsReadFromTheLoader() {
        String js = "loadPackage({\"files\": [{\"filename\": \"/third_party/a.bin\", \"start\": 0, \"end\": 10},"
                + " {\"filename\": \"/third_party/mediapipe/modules/pose_detection/pose_detection.tflite\", \"start\": 10,"
                + " \"end\": 2962298}], \"remote_package_size\": 2962298});";
        assertThat(PoseModels.packedRange(js, "pose_detection.tflite")).containsExactly(10L, 2962298L);
        assertThatThrownBy(() -> PoseModels.packedRange(js, "missing.tflite"))
                .hasMessageContaining("missing.tflite");
    }
}
