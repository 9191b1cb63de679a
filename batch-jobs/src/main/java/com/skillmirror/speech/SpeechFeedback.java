package com.skillmirror.speech;

import java.util.ArrayList;
import java.util.List;

/** Rule-based feedback on pace, fillers, pitch variety and pauses. Always available (no network). */
public final class SpeechFeedback {

    /** Syllables per English word on average, to apply word-rate targets to syllable rates. */
    static final double SYLLABLES_PER_WORD = 1.45;

    /**
     * Targets of the rules.
     *
     * @param minWpm / maxWpm           comfortable presentation pace (words per minute)
     * @param maxFillersPerMinute       more filler words than this is a warning (twice as many a problem)
     * @param minPitchStdSemitones      less pitch variation than this sounds monotone
     * @param longPauseSec              pauses longer than this are flagged
     * @param maxPauseRatio             more of the speaking time in pauses than this is flagged
     */
    public record Targets(double minWpm, double maxWpm, double maxFillersPerMinute, double minPitchStdSemitones,
            double longPauseSec, double maxPauseRatio) {

        public static Targets defaults() {
            return new Targets(120, 170, 4, 2.0, 2.0, 0.35);
        }
    }

    private final Targets targets;

    public SpeechFeedback() {
        this(Targets.defaults());
    }

    public SpeechFeedback(Targets targets) {
        this.targets = targets;
    }

    public List<Finding> evaluate(SpeechMetrics m, TranscriptStats t) {
        return evaluate(m, t, null);
    }

    /**
     * @param confidence the transcript's; when poor, the findings counted from its words say that they rest on a poor
     *                   transcript (null = unknown: nothing is marked)
     */
    public List<Finding> evaluate(SpeechMetrics m, TranscriptStats t, TranscriptConfidence confidence) {
        String poorNote = confidence == null ? null : confidence.note();
        List<Finding> out = new ArrayList<>();
        if (m.noSpeechDetected()) {
            out.add(new Finding("speech.none", Finding.Severity.INFO, "No speech detected (" + m.noSpeechReason() + ").",
                    "Record with the microphone close to the speaker and little background sound."));
            return out;
        }
        pace(m, t, poorNote, out);
        if (t != null) {
            if (t.fillersPerMinute() > targets.maxFillersPerMinute()) {
                boolean bad = t.fillersPerMinute() > 2 * targets.maxFillersPerMinute();
                out.add(new Finding("fillers.many", bad ? Finding.Severity.PROBLEM : Finding.Severity.WARNING,
                        marked(String.format("%d filler words (%.1f per minute, target at most %.0f)%s.",
                                t.fillerCount(), t.fillersPerMinute(), targets.maxFillersPerMinute(), topFillers(t)),
                                poorNote),
                        "Replace fillers with a short silent pause; pausing sounds more confident than 'um'."));
            }
            if (t.repeats().size() >= 3) {
                out.add(new Finding("words.repeated", Finding.Severity.INFO,
                        marked(t.repeats().size() + " immediately repeated words (e.g. \"" + t.repeats().get(0).text()
                                + "\").", poorNote),
                        "Repetitions often mark restarts: slow down slightly at the start of each sentence."));
            }
        }
        if (m.pitch().voicedRatio() > 0 && m.pitch().stdSemitones() < targets.minPitchStdSemitones()) {
            out.add(new Finding("pitch.monotone", Finding.Severity.WARNING,
                    String.format("Little pitch variation (%.1f semitones spread): the voice sounds monotone.",
                            m.pitch().stdSemitones()),
                    "Stress key words and let the pitch rise and fall; vary it between points."));
        }
        long longPauses = m.pauses().stream().filter(p -> p.durationSec() > targets.longPauseSec()).count();
        if (longPauses > 0) {
            out.add(new Finding("pauses.long", Finding.Severity.WARNING,
                    String.format("%d pause%s longer than %.1f s (longest %.1f s).", longPauses, longPauses > 1 ? "s" : "",
                            targets.longPauseSec(), m.longestPauseSec()),
                    "Short pauses help; long ones lose the listener. Prepare the transition to the next point."));
        }
        if (m.pauseRatio() > targets.maxPauseRatio()) {
            out.add(new Finding("pauses.ratio", Finding.Severity.WARNING,
                    String.format("%.0f%% of the speaking time is silence.", m.pauseRatio() * 100),
                    "Keep the flow: rehearse so that pauses are deliberate, not searching for words."));
        }
        if (out.isEmpty()) {
            out.add(new Finding("delivery.good", Finding.Severity.INFO, "Pace, pauses and pitch variation are in range.",
                    "Keep it up."));
        }
        return out;
    }

    private void pace(SpeechMetrics m, TranscriptStats t, String poorNote, List<Finding> out) {
        double wpm;
        String basis;
        String note = null;
        if (t != null && t.wordCount() >= 5) {
            wpm = t.wordsPerMinute();
            basis = String.format("%.0f words per minute", wpm);
            note = poorNote;
        } else if (m.rate().syllables() > 0) {
            wpm = m.rate().syllablesPerSec() * 60 / SYLLABLES_PER_WORD;
            basis = String.format("about %.0f words per minute (%.1f syllables/s, estimated from the audio)", wpm,
                    m.rate().syllablesPerSec());
        } else {
            return;
        }
        if (wpm > targets.maxWpm()) {
            out.add(new Finding("pace.too_fast", wpm > targets.maxWpm() * 1.2 ? Finding.Severity.PROBLEM
                    : Finding.Severity.WARNING, marked("Fast pace: " + basis + String.format(" (target %.0f-%.0f).",
                            targets.minWpm(), targets.maxWpm()), note),
                    "Slow down and pause after key points so the audience can follow."));
        } else if (wpm < targets.minWpm()) {
            out.add(new Finding("pace.too_slow", wpm < targets.minWpm() * 0.8 ? Finding.Severity.PROBLEM
                    : Finding.Severity.WARNING, marked("Slow pace: " + basis + String.format(" (target %.0f-%.0f).",
                            targets.minWpm(), targets.maxWpm()), note),
                    "Pick up the pace a little and shorten pauses between sentences."));
        }
    }

    private static String marked(String message, String poorNote) {
        return poorNote == null ? message : message + " " + poorNote;
    }

    private static String topFillers(TranscriptStats t) {
        var counts = new java.util.TreeMap<String, Integer>();
        t.fillers().forEach(f -> counts.merge(f.text(), 1, Integer::sum));
        return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .map(e -> "\"" + e.getKey() + "\" x" + e.getValue())
                .reduce((a, b) -> a + ", " + b).map(s -> ": " + s).orElse("");
    }
}
