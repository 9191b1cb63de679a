package com.skillmirror.compare.step;

import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.speech.SpeechMetrics;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.speech.TranscriptStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** The speech stage's numbers a skill's SPEECH metrics name ({@link SkillCatalog#SPEECH_FIELDS}). */
final class SpeechFields {

    private SpeechFields() {
    }

    /**
     * The fields this result has a value for: the words-based ones need a transcript, and one that is not poor (a
     * skill's metric and finding would rest on words that are likely wrong; the report's speech section says so).
     */
    static Map<String, Double> of(SpeechResult speech) {
        Map<String, Double> values = new LinkedHashMap<>();
        boolean poor = speech.transcriptConfidence() != null && speech.transcriptConfidence().poor();
        TranscriptStats words = poor ? null : speech.transcriptStats();
        if (words != null) {
            values.put("wordsPerMinute", words.wordsPerMinute());
            values.put("fillersPerMinute", words.fillersPerMinute());
        }
        SpeechMetrics audio = speech.metrics();
        if (audio != null) {
            values.put("pauseRatio", audio.pauseRatio());
            values.put("longestPauseSec", audio.longestPauseSec());
            if (audio.rate() != null) {
                values.put("syllablesPerSec", audio.rate().syllablesPerSec());
                values.put("articulationRate", audio.rate().articulationRate());
            }
            if (audio.pitch() != null) {
                values.put("pitchStdSemitones", audio.pitch().stdSemitones());
            }
            if (audio.loudness() != null) {
                values.put("loudnessStdDb", audio.loudness().stdDb());
            }
        }
        if (words != null) {
            // the rate from the audio's syllable nuclei counts; the transcript's only stands in without it
            values.putIfAbsent("syllablesPerSec", words.syllablesPerSec());
            values.putIfAbsent("articulationRate", words.articulationRate());
        }
        return values;
    }
}
