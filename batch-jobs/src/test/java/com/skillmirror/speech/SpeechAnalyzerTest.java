package com.skillmirror.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SpeechAnalyzerTest {

    private final SpeechAnalyzer analyzer = new SpeechAnalyzer();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pocketsphinxResultSerializesToJsonWithEverything() {
        AudioClip clip = SpeechTestMedia.librivox().get(0).clip();

        SpeechResult r = analyzer.analyze(clip, TranscriptionProviders.create("pocketsphinx", null, null));

        assertThat(r.provider()).isEqualTo("pocketsphinx");
        assertThat(r.approximate()).isTrue();
        assertThat(r.noSpeechDetected()).isFalse();
        assertThat(r.transcript().words()).isNotEmpty();
        assertThat(r.transcriptStats().wordsPerMinute()).isBetween(150.0, 260.0);
        assertThat(r.findings()).isNotEmpty();
        JsonNode n = json.readTree(json.writeValueAsString(r));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(n).substring(0, 1500));
        assertThat(n.path("provider").asString()).isEqualTo("pocketsphinx");
        assertThat(n.path("approximate").asBoolean()).isTrue();
        assertThat(n.path("noSpeechDetected").asBoolean()).isFalse();
        assertThat(n.path("transcript").path("words").get(0).has("startSec")).isTrue();
        assertThat(n.path("metrics").path("pitch").path("medianHz").asDouble()).isGreaterThan(50);
        assertThat(n.path("metrics").path("rate").path("syllables").asInt()).isGreaterThan(10);
        assertThat(n.path("metrics").path("timeline").size()).isGreaterThan(10);
        assertThat(n.path("metrics").has("pauses")).isTrue();
        assertThat(n.path("transcriptStats").has("fillers")).isTrue();
        assertThat(n.path("findings").get(0).has("severity")).isTrue();
        // every word has the recogniser's posterior, and the transcript its confidence
        assertThat(r.transcript().words()).allSatisfy(w -> assertThat(w.confidence()).isBetween(0.0, 1.0));
        assertThat(n.path("transcript").path("words").get(0).path("confidence").isNumber()).isTrue();
        assertThat(r.transcriptConfidence().words()).isEqualTo(r.transcript().words().size());
        assertThat(n.path("transcriptConfidence").path("mean").asDouble()).isBetween(0.01, 1.0);
        SpeechResult back = json.readValue(json.writeValueAsString(r), SpeechResult.class);
        assertThat(back).isEqualTo(r);
    }

    @Test
    void noSpeechSkipsTranscriptionAndSaysSo() {
        TranscriptionProvider mustNotBeCalled = new TranscriptionProvider() {
            public String name() {
                return "fail";
            }

            public Transcript transcribe(AudioClip clip, TranscriptionOptions opts) {
                throw new AssertionError("no transcription for non-speech");
            }

            public boolean approximate() {
                return false;
            }
        };
        SpeechResult r = analyzer.analyze(SpeechTestMedia.g722("tt-monkeys"), mustNotBeCalled);
        assertThat(r.noSpeechDetected()).isTrue();
        assertThat(r.transcript()).isNull();
        assertThat(r.findings()).extracting(Finding::code).containsExactly("speech.none");
        assertThat(json.writeValueAsString(r)).contains("\"noSpeechDetected\":true");
    }

    @Test
    void noneProviderGivesMetricsOnlyAndFailingProviderKeepsMetrics() {
        AudioClip clip = SpeechTestMedia.g722("vm-intro");
        SpeechResult none = analyzer.analyze(clip, TranscriptionProviders.create("none", null, null));
        assertThat(none.transcript()).isNull();
        assertThat(none.metrics().rate().syllables()).isGreaterThan(10);
        assertThat(none.findings()).isNotEmpty();

        SpeechResult failed = analyzer.analyze(clip, new PocketsphinxProvider("no_such_pocketsphinx", List.of()));
        assertThat(failed.transcriptionError()).contains("pocketsphinx-en-us");
        assertThat(failed.findings().get(0).code()).isEqualTo("transcription.failed");
        assertThat(failed.metrics().noSpeechDetected()).isFalse();
    }

    @Test
    void transcriptStatsFindFillersRepeatsAndSentencePace() {
        Transcript t = new Transcript("Um, so I think the the plan is, you know, good. Uh, we start now.", List.of(
                new TranscriptWord("Um,", 0.0, 0.3), new TranscriptWord("so", 0.4, 0.5),
                new TranscriptWord("I", 0.6, 0.7), new TranscriptWord("think", 0.7, 0.9),
                new TranscriptWord("the", 1.0, 1.1), new TranscriptWord("the", 1.2, 1.3),
                new TranscriptWord("plan", 1.3, 1.6), new TranscriptWord("is,", 1.6, 1.8),
                new TranscriptWord("you", 1.9, 2.0), new TranscriptWord("know,", 2.0, 2.2),
                new TranscriptWord("good.", 2.3, 2.7), new TranscriptWord("Uh,", 3.5, 3.7),
                new TranscriptWord("we", 3.8, 3.9), new TranscriptWord("start", 3.9, 4.2),
                new TranscriptWord("now.", 4.2, 4.5)), "en", "openai", false);

        TranscriptStats s = TranscriptStats.of(t, FillerWords.forLanguage("en"), 0);

        assertThat(s.fillers()).extracting(TranscriptStats.Occurrence::text)
                .containsExactly("um", "so", "you know", "uh");
        assertThat(s.repeats()).extracting(TranscriptStats.Occurrence::text).containsExactly("the the");
        assertThat(s.sentences()).hasSize(2);
        assertThat(s.sentences().get(1).text()).isEqualTo("Uh, we start now.");
        assertThat(s.wordsPerMinute()).isEqualTo(200.0); // 15 words in 4.5 s
        assertThat(FillerWords.forLanguage("de").fillers()).contains("ähm");
        assertThat(Syllables.count("disposed")).isEqualTo(2);
        assertThat(Syllables.count("table")).isEqualTo(2);
        assertThat(Syllables.count("respectable")).isEqualTo(4);
    }

    @Test
    void transcriptConfidenceIsTheDurationWeightedMeanAndUnknownWithoutWordConfidences() {
        Transcript t = new Transcript("long a b", List.of(new TranscriptWord("long", 0, 1.0, 0.9),
                new TranscriptWord("a", 1.0, 1.1, 0.1), new TranscriptWord("b", 1.1, 1.2, null)), "en", "pocketsphinx",
                true);

        TranscriptConfidence c = TranscriptConfidence.of(t);

        assertThat(c.mean()).isCloseTo((0.9 * 1.0 + 0.1 * 0.1) / 1.1, org.assertj.core.data.Offset.offset(0.001));
        assertThat(c.words()).isEqualTo(2); // the word without a confidence is left out
        assertThat(c.lowWordShare()).isEqualTo(0.5);
        assertThat(c.poor()).isTrue(); // half the words doubtful
        assertThat(c.basis()).contains("pocketsphinx");
        assertThat(TranscriptConfidence.of(new Transcript("x", List.of(new TranscriptWord("x", 0, 1)), "en", "openai",
                false))).isNull();
    }

    @Test
    void findingsCountedFromAPoorTranscriptSaySoAndAudioFindingsDoNot() {
        SpeechMetrics m = flatVoiceWithLongPauses();
        TranscriptStats t = fastWithFillers();
        TranscriptConfidence poor = new TranscriptConfidence(0.35, 0.7, 200, true, "test");
        TranscriptConfidence good = new TranscriptConfidence(0.85, 0.1, 200, false, "test");

        List<Finding> onPoor = new SpeechFeedback().evaluate(m, t, poor);
        List<Finding> onGood = new SpeechFeedback().evaluate(m, t, good);

        assertThat(onPoor).filteredOn(f -> f.code().startsWith("pace.") || f.code().startsWith("fillers."))
                .hasSize(2).allSatisfy(f -> assertThat(f.message()).contains("Rests on a poor transcript (confidence 35 %"));
        assertThat(onPoor).filteredOn(f -> f.code().startsWith("pitch.") || f.code().startsWith("pauses."))
                .isNotEmpty().allSatisfy(f -> assertThat(f.message()).doesNotContain("poor transcript"));
        assertThat(onGood).allSatisfy(f -> assertThat(f.message()).doesNotContain("poor transcript"));
    }

    @Test
    void aChatModelsRewriteKeepsThePoorTranscriptMark() {
        String note = new TranscriptConfidence(0.35, 0.7, 20, true, "test").note();
        List<Finding> rules = List.of(new Finding("pace.too_slow", Finding.Severity.WARNING, "Slow pace. " + note, "a"),
                new Finding("pitch.monotone", Finding.Severity.WARNING, "Monotone.", "b"));
        List<Finding> rewritten = List.of(new Finding("pace.too_slow", Finding.Severity.WARNING, "You are slow.", "a2"),
                new Finding("pitch.monotone", Finding.Severity.WARNING, "Flat voice.", "b2"));

        List<Finding> out = SpeechAnalyzer.keepPoorTranscriptMarks(rules, rewritten, note);

        assertThat(out.get(0).message()).isEqualTo("You are slow. " + note);
        assertThat(out.get(1)).isEqualTo(rewritten.get(1));
        assertThat(SpeechAnalyzer.keepPoorTranscriptMarks(rules, rewritten, null)).isEqualTo(rewritten);
    }

    @Test
    void rulesFlagFastPaceManyFillersAndLongPauses() {
        SpeechMetrics m = flatVoiceWithLongPauses();
        TranscriptStats t = fastWithFillers();
        List<Finding> f = new SpeechFeedback().evaluate(m, t);
        assertThat(f).extracting(Finding::code).contains("pace.too_fast", "fillers.many", "pitch.monotone",
                "pauses.long");
        assertThat(f.stream().filter(x -> x.code().equals("fillers.many")).findFirst().orElseThrow().severity())
                .isEqualTo(Finding.Severity.PROBLEM);
    }

    /** A minute of talk in a flat voice with two long pauses (3 and 5 s). */
    private static SpeechMetrics flatVoiceWithLongPauses() {
        return new SpeechMetrics(60, false, null, 0, 60, 40, List.of(), 2, 8, 5, 0.13,
                List.of(SpeechMetrics.Segment.of(10, 15), SpeechMetrics.Segment.of(30, 33)),
                new SpeechMetrics.Pitch(120, 118, 100, 140, 5, 1.2, 0.7), new SpeechMetrics.Loudness(-25, 6, 20),
                new SpeechMetrics.Rate(300, 5, 7.5, List.of()), List.of());
    }

    /** 200 words a minute with 12 fillers. */
    private static TranscriptStats fastWithFillers() {
        return new TranscriptStats(200, 60, 200, 300, 5, 7.5, 12, 12,
                List.of(new TranscriptStats.Occurrence("um", 1)), List.of(), List.of());
    }
}
