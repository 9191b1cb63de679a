package com.skillmirror.speech;

import java.util.Locale;

/** Syllable count of written English words by vowel groups with the common silent-e/-ed/-es rules (~90% exact). */
public final class Syllables {

    private Syllables() {
    }

    public static int count(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (w.isEmpty()) {
            return 0;
        }
        if (w.length() <= 3) {
            return 1;
        }
        int groups = 0;
        boolean prevVowel = false;
        for (int i = 0; i < w.length(); i++) {
            boolean v = isVowel(w, i);
            if (v && !prevVowel) {
                groups++;
            }
            prevVowel = v;
        }
        int n = w.length();
        // silent final e ("make", "love"), but not "-le" after a consonant ("table") or "-ee"
        if (w.endsWith("e") && !w.endsWith("ee") && !(w.endsWith("le") && n > 2 && !isVowel(w, n - 3))
                && !isVowel(w, n - 2)) {
            groups--;
        }
        // silent -ed / -es ("disposed", "makes") unless after t/d ("wanted") or sibilants ("wishes")
        if ((w.endsWith("ed") || w.endsWith("es")) && n > 3 && !isVowel(w, n - 3)) {
            char c = w.charAt(n - 3);
            boolean voicedEnding = w.endsWith("ed") ? (c == 't' || c == 'd')
                    : (c == 's' || c == 'x' || c == 'z' || c == 'h' || c == 'c' || c == 'g');
            if (!voicedEnding) {
                groups--;
            }
        }
        return Math.max(1, groups);
    }

    private static boolean isVowel(String w, int i) {
        char c = w.charAt(i);
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || (c == 'y' && i > 0);
    }
}
