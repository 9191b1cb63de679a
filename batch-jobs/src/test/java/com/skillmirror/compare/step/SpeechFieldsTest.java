package com.skillmirror.compare.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.speech.TranscriptConfidence;
import com.skillmirror.testsupport.StoredShapes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The speech numbers a skill's SPEECH metrics name, from a real run's typed speech result. */
class SpeechFieldsTest {

    @Test
    void everyFieldASkillMayNameHasItsValue() {
        Map<String, Object> row = StoredShapes.sampleResult(Stage.SPEECH);
        SpeechResult speech = ResultCodec.read(StoredShapes.json(row), SpeechResult.class, 1);

        Map<String, Double> fields = SpeechFields.of(speech);

        assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(SkillCatalog.SPEECH_FIELDS);
        assertThat(fields).containsEntry("wordsPerMinute", speech.transcriptStats().wordsPerMinute())
                .containsEntry("pitchStdSemitones", speech.metrics().pitch().stdSemitones())
                .containsEntry("loudnessStdDb", speech.metrics().loudness().stdDb())
                // the audio's syllable rate, not the transcript's
                .containsEntry("syllablesPerSec", speech.metrics().rate().syllablesPerSec());
        assertThat(fields).isEqualTo(byName(row));
    }

    @Test
    void withoutATranscriptTheWordsBasedFieldsAreMissing() {
        Map<String, Object> row = StoredShapes.sampleResult(Stage.SPEECH);
        row.put("transcript", null);
        row.put("transcriptStats", null);

        Map<String, Double> fields = SpeechFields.of(ResultCodec.read(StoredShapes.json(row), SpeechResult.class, 1));

        assertThat(fields).doesNotContainKeys("wordsPerMinute", "fillersPerMinute").containsKey("pauseRatio");
    }

    @Test
    void aPoorTranscriptGivesNoWordsBasedFields() {
        Map<String, Object> row = StoredShapes.sampleResult(Stage.SPEECH);
        SpeechResult speech = ResultCodec.read(StoredShapes.json(row), SpeechResult.class, 1);
        SpeechResult poor = new SpeechResult(speech.provider(), speech.approximate(), speech.noSpeechDetected(),
                speech.noSpeechReason(), speech.durationSec(), speech.metrics(), speech.transcript(),
                speech.transcriptStats(), speech.transcriptionError(), speech.findings(), speech.feedbackSource(),
                new TranscriptConfidence(0.3, 0.7, 40, true, "test"));

        assertThat(SpeechFields.of(poor)).doesNotContainKeys("wordsPerMinute", "fillersPerMinute")
                .containsEntry("syllablesPerSec", speech.metrics().rate().syllablesPerSec());
        assertThat(SpeechFields.of(speech)).containsKey("wordsPerMinute");
    }

    /**
     * How these numbers were found before the result was typed: every number of the stored JSON by its name (and,
     * under pitch or loudness, by the qualified name), the first one in the row's key order winning.
     */
    private static Map<String, Double> byName(Map<String, Object> row) {
        Map<String, Double> values = new LinkedHashMap<>();
        collect(row, "", values);
        values.keySet().retainAll(SkillCatalog.SPEECH_FIELDS);
        return values;
    }

    private static void collect(Object node, String parent, Map<String, Double> values) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = (String) k;
                String qualified = parent.isEmpty() ? key
                        : parent + Character.toUpperCase(key.charAt(0)) + key.substring(1);
                if (v instanceof Number n) {
                    values.putIfAbsent(key, n.doubleValue());
                    values.putIfAbsent(qualified, n.doubleValue());
                } else {
                    collect(v, key, values);
                }
            });
        }
    }
}
