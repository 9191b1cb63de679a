package com.skillmirror.speech;

import java.util.List;

/**
 * What a {@link TranscriptionProvider} heard.
 *
 * @param text        the full text as the provider wrote it (punctuation kept when the provider gives it)
 * @param words       words with times (may be empty when the provider gives no word times)
 * @param language    ISO language code, or null when unknown
 * @param provider    the provider's name
 * @param approximate true for offline recognisers with a high word error rate: use for pace, not for quotes
 */
public record Transcript(String text, List<TranscriptWord> words, String language, String provider,
        boolean approximate) {

    public Transcript {
        words = List.copyOf(words);
    }

    public static Transcript empty(String provider) {
        return new Transcript("", List.of(), null, provider, false);
    }

    public boolean isEmpty() {
        return words.isEmpty() && (text == null || text.isBlank());
    }
}
