package com.skillmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd|passwd",
            "..\\..\\windows\\system32\\cmd.exe|cmd.exe",
            "my squat (take 2).mp4|my_squat__take_2_.mp4",
            "Zoë Çelik – sprint.mov|Zoë_Çelik___sprint.mov",
            "$(rm -rf ~);`id`.mp4|rm_-rf_____id_.mp4",
            ".hidden.mp4|hidden.mp4",
            "..|video",
            "'<script>alert(1)</script>.mp4'|script_.mp4"})
    void namesBecomeSafeSingleSegments(String input, String expected) {
        String safe = StorageKeys.safeFileName(input);
        assertThat(safe).isEqualTo(expected).doesNotContain("/").doesNotContain("..").doesNotStartWith(".");
    }

    @org.junit.jupiter.api.Test
    void longNamesAreBoundedAndKeepTheirExtension() {
        String safe = StorageKeys.safeFileName("a".repeat(500) + ".mp4");
        assertThat(safe).hasSize(120).endsWith(".mp4");
    }

    // these keys name objects already stored: a changed spelling would orphan them
    @org.junit.jupiter.api.Test
    void workingObjectsAndPatternsKeepTheirStoredKeys() {
        UUID upload = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID video = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        String prefix = "uploads/" + upload + "/videos/" + video + "/";
        assertThat(StorageKeys.poseChunks(upload, video)).isEqualTo(prefix + "pose/chunks/");
        assertThat(StorageKeys.poseChunk(upload, video, 1250)).isEqualTo(prefix + "pose/chunks/00001250.bin");
        assertThat(StorageKeys.speechWindows(upload, video)).isEqualTo(prefix + "speech/windows/");
        assertThat(StorageKeys.speechWindow(upload, video, 7)).isEqualTo(prefix + "speech/windows/0007.json");
        assertThat(StorageKeys.pattern("squat", "ab12")).isEqualTo("patterns/squat/ab12.json");
    }

    // found by EndpointFuzzTest: bounded in characters, such names were too long for the file system (a 500)
    @org.junit.jupiter.api.Test
    void longNamesAreBoundedInBytesWithoutSplittingACharacter() {
        for (String name : new String[] {"é".repeat(190) + ".mp4", "日本語".repeat(40) + ".mov", "\uD835\uDC00".repeat(90) + ".mp4"}) {
            String safe = StorageKeys.safeFileName(name);
            assertThat(safe.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as(name).hasSizeLessThanOrEqualTo(120);
            assertThat(safe).as(name).endsWith(name.substring(name.length() - 4)).hasSizeGreaterThan(30)
                    .doesNotContain("\uFFFD").matches("[\\p{L}\\p{N}.]+");
        }
    }
}
