package com.skillmirror.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileNameTagsTest {

    private static final Map<String, List<String>> ROSTER = Map.of(
            "id-ana", List.of("Ana López"), "id-ana-maria", List.of("Ana Maria Ruiz"), "id-ben", List.of("Ben"),
            "id-bea", List.of("Bea"), "id-bea2", List.of("bea"));
    private static final Map<String, List<String>> SKILLS = Map.of(
            "squat", List.of("squat", "Back squat"), "golf-swing", List.of("golf-swing", "Golf swing"),
            "jumping-jack", List.of("jumping-jack", "Jumping jack"));

    @Test
    void findsAthleteAndSkillWhateverTheSeparatorsCaseAndAccents() {
        assertThat(FileNameTags.match("ana-lopez_squat_03.mp4", ROSTER)).contains("id-ana");
        assertThat(FileNameTags.match("ana-lopez_squat_03.mp4", SKILLS)).contains("squat");
        assertThat(FileNameTags.match("2026-11-01 BEN Golf Swing.MOV", ROSTER)).contains("id-ben");
        assertThat(FileNameTags.match("2026-11-01 BEN Golf Swing.MOV", SKILLS)).contains("golf-swing");
        assertThat(FileNameTags.match("BenJumpingJack2.webm", SKILLS)).contains("jumping-jack");
        assertThat(FileNameTags.match("BenJumpingJack2.webm", ROSTER)).contains("id-ben");
    }

    @Test
    void theLongestNameWinsAndATieIsNoGuess() {
        assertThat(FileNameTags.match("ana_maria_ruiz_squat.mp4", ROSTER)).contains("id-ana-maria");
        assertThat(FileNameTags.match("bea_squat.mp4", ROSTER)).isEmpty(); // two athletes called Bea
        assertThat(FileNameTags.match("clip.mp4", ROSTER)).isEmpty();
        assertThat(FileNameTags.match("benjamin.mp4", ROSTER)).as("a word, not a prefix").isEmpty();
    }

    @Test
    void pathsAndHostileNamesAreJustWords() {
        assertThat(FileNameTags.match("../../etc/ben/passwd", ROSTER)).isEmpty();
        assertThat(FileNameTags.match("C:\\clips\\ben squat.mp4", ROSTER)).contains("id-ben");
        assertThat(FileNameTags.match("<img src=x onerror=alert(1)>.mp4", SKILLS)).isEmpty();
        assertThat(FileNameTags.match(null, SKILLS)).isEmpty();
    }
}
