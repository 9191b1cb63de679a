package com.skillmirror.speech;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Filler words and phrases per language (lower case; phrases are space-separated words). */
public record FillerWords(String language, List<String> fillers) {

    private static final Map<String, List<String>> DEFAULTS = Map.of(
            "en", List.of("um", "uh", "er", "ah", "erm", "hmm", "mm", "like", "you know", "i mean", "so", "basically",
                    "actually", "literally", "kind of", "sort of", "right", "okay so", "well"),
            "de", List.of("äh", "ähm", "also", "halt", "quasi", "sozusagen", "irgendwie", "eigentlich", "ne", "genau"),
            "fr", List.of("euh", "ben", "bah", "genre", "en fait", "du coup", "voilà", "quoi", "tu vois"),
            "es", List.of("eh", "em", "este", "o sea", "pues", "bueno", "sabes", "tipo", "en plan"));

    public FillerWords {
        fillers = fillers.stream().map(f -> f.toLowerCase(Locale.ROOT).strip()).toList();
    }

    /** The built-in list for a language code (falls back to English). */
    public static FillerWords forLanguage(String language) {
        String l = language == null ? "en" : language.toLowerCase(Locale.ROOT);
        l = l.length() > 2 ? l.substring(0, 2) : l;
        return new FillerWords(DEFAULTS.containsKey(l) ? l : "en", DEFAULTS.getOrDefault(l, DEFAULTS.get("en")));
    }
}
