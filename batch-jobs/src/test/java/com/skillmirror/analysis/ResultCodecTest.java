package com.skillmirror.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of typed results: versioned, tolerant of added and missing fields, strict about versions. */
class ResultCodecTest {

    record Take(String name, double score, int frames, boolean mirrored, List<String> notes) {
    }

    @Test
    void writesTheFieldsAndTheVersionAndReadsThemBack() {
        Take take = new Take("squat", 41.5, 250, true, List.of("left-handed"));

        String stored = ResultCodec.write(take, 3);

        assertThat(stored).contains("\"schemaVersion\":3").contains("\"score\":41.5");
        assertThat(ResultCodec.read(stored, Take.class, 3)).isEqualTo(take);
        assertThat(ResultCodec.plain(stored)).isEqualTo(Map.of("name", "squat", "score", 41.5, "frames", 250,
                "mirrored", true, "notes", List.of("left-handed")));
    }

    @Test
    void aRowWithoutVersionIsVersionOneAndMayLackOrAddFields() {
        String old = "{\"name\":\"squat\",\"score\":12.0,\"addedLater\":{\"x\":1}}";

        assertThat(ResultCodec.read(old, Take.class, 1)).isEqualTo(new Take("squat", 12.0, 0, false, null));
        assertThat(ResultCodec.plain(old)).isEqualTo(Map.of("name", "squat", "score", 12.0,
                "addedLater", Map.of("x", 1)));
    }

    @Test
    void aRowOfAnotherVersionIsRefusedRatherThanMisread() {
        String newer = ResultCodec.write(new Take("squat", 1, 1, false, List.of()), 2);
        String older = ResultCodec.write(new Take("squat", 1, 1, false, List.of()), 1);

        assertThatThrownBy(() -> ResultCodec.read(newer, Take.class, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 2").hasMessageContaining("newer SkillMirror");
        assertThatThrownBy(() -> ResultCodec.read(older, Take.class, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("analyse the video again");
    }

    @Test
    void onlyObjectsWithoutAVersionFieldOfTheirOwnAreStored() {
        record Clash(int schemaVersion) {
        }
        assertThatThrownBy(() -> ResultCodec.write(new Clash(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultCodec.write(List.of(1), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
