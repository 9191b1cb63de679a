package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `analyze FOLDER...`: the videos in it (and below it) by their names, each file once however often it is named, and a
 * note naming every other file left out.
 */
class AnalyzeInputsTest {

    @Test
    void aFolderGivesItsVideosAndNamesTheFilesItLeavesOut(@TempDir Path dir) throws Exception {
        for (String name : List.of("a.mp4", "B.MOV", "photo.jpg", "notes.txt", ".DS_Store", "sub/c.mkv",
                "sub/clip.heic")) {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.writeString(dir.resolve(name), "x");
        }
        Path named = Files.writeString(dir.resolve("named-photo.png"), "x");
        List<Path> leftOut = new ArrayList<>();

        List<Path> files = AnalyzeCommand.expand(List.of(dir.resolve("sub"), dir, named), leftOut);

        assertThat(files).containsExactly(dir.resolve("sub/c.mkv"), dir.resolve("B.MOV"), dir.resolve("a.mp4"),
                named);
        assertThat(leftOut).containsExactly(dir.resolve("sub/clip.heic"), dir.resolve("notes.txt"),
                dir.resolve("photo.jpg"));
        assertThat(AnalyzeCommand.leftOutNote(leftOut)).startsWith("Left out 3 file(s)")
                .contains(": clip.heic, notes.txt, photo.jpg.").contains("mov, mp4")
                .endsWith("photos: skillmirror pose PHOTO.");
    }
}
