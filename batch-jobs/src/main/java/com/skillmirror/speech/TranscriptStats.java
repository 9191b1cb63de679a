package com.skillmirror.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the words say about the delivery.
 *
 * @param speakingSec      first word start to last word end
 * @param wordsPerMinute   words over the speaking span
 * @param syllablesPerSec  transcript syllables (English vowel-group rule) over the speaking span
 * @param articulationRate transcript syllables per second of phonation (pauses excluded)
 * @param fillers          each filler occurrence ("um", "you know"...), with its time
 * @param repeats          immediately repeated words ("the the")
 * @param sentences        pace per sentence (split at . ! ? or, without punctuation, at pauses of 0.5 s+)
 */
public record TranscriptStats(int wordCount, double speakingSec, double wordsPerMinute, int syllables,
        double syllablesPerSec, double articulationRate, int fillerCount, double fillersPerMinute,
        List<Occurrence> fillers, List<Occurrence> repeats, List<SentencePace> sentences) {

    public record Occurrence(String text, double startSec) {
    }

    public record SentencePace(String text, double startSec, double endSec, int words, double wordsPerMinute) {
    }

    private static final double SENTENCE_PAUSE_SEC = 0.5;

    /**
     * @param phonationSec speaking time without pauses from the audio metrics (0 = use the sum of word durations)
     */
    public static TranscriptStats of(Transcript t, FillerWords fillerWords, double phonationSec) {
        List<TranscriptWord> words = t.words();
        if (words.isEmpty()) {
            return null;
        }
        List<String> norm = words.stream().map(w -> normalize(w.word())).toList();
        double start = words.get(0).startSec();
        double end = words.get(words.size() - 1).endSec();
        double span = Math.max(end - start, 1e-6);
        int syllables = 0;
        double wordTime = 0;
        for (TranscriptWord w : words) {
            syllables += Syllables.count(w.word());
            wordTime += Math.max(0, w.endSec() - w.startSec());
        }
        double phon = phonationSec > 0 ? phonationSec : wordTime;

        List<Occurrence> fillers = new ArrayList<>();
        List<List<String>> phrases = fillerWords.fillers().stream().map(f -> List.of(f.split("\\s+"))).toList();
        for (int i = 0; i < norm.size(); i++) {
            for (List<String> p : phrases) {
                if (i + p.size() <= norm.size() && norm.subList(i, i + p.size()).equals(p)) {
                    fillers.add(new Occurrence(String.join(" ", p), words.get(i).startSec()));
                    i += p.size() - 1;
                    break;
                }
            }
        }
        List<Occurrence> repeats = new ArrayList<>();
        for (int i = 1; i < norm.size(); i++) {
            if (!norm.get(i).isEmpty() && norm.get(i).equals(norm.get(i - 1))) {
                repeats.add(new Occurrence(norm.get(i - 1) + " " + norm.get(i), words.get(i - 1).startSec()));
            }
        }
        return new TranscriptStats(words.size(), r3(span), r2(words.size() / span * 60), syllables,
                r2(syllables / span), r2(syllables / Math.max(phon, 1e-6)), fillers.size(),
                r2(fillers.size() / span * 60), fillers, repeats, sentences(words));
    }

    private static List<SentencePace> sentences(List<TranscriptWord> words) {
        List<SentencePace> out = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < words.size(); i++) {
            boolean last = i == words.size() - 1;
            boolean endMark = words.get(i).word().strip().matches(".*[.!?]$");
            boolean gap = !last && words.get(i + 1).startSec() - words.get(i).endSec() >= SENTENCE_PAUSE_SEC;
            if (last || endMark || gap) {
                List<TranscriptWord> s = words.subList(first, i + 1);
                double a = s.get(0).startSec();
                double b = s.get(s.size() - 1).endSec();
                String text = String.join(" ", s.stream().map(w -> w.word().strip()).toList());
                out.add(new SentencePace(text, r3(a), r3(b), s.size(), r2(s.size() / Math.max(b - a, 1e-6) * 60)));
                first = i + 1;
            }
        }
        return out;
    }

    static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']", "");
    }

    private static double r2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static double r3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
