package com.skillmirror.portal.upload;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Athlete and skill read from a file name, so a coach who names clips "ana-lopez_squat_03.mp4" need not pick them by
 * hand. A candidate matches when all the words of its name appear in a row among the file name's words (case and
 * accents ignored); the longest match wins, and a tie between two candidates is no match rather than a guess.
 */
final class FileNameTags {

    private FileNameTags() {
    }

    /**
     * @param candidates the names to look for, by the value to return (athlete id or skill id); a value may have
     *                   several names (a skill's id and its display name)
     */
    static Optional<String> match(String fileName, Map<String, ? extends Collection<String>> candidates) {
        List<String> words = words(stripExtension(fileName));
        String best = null;
        int bestLength = 0;
        boolean tie = false;
        for (var candidate : candidates.entrySet()) {
            int length = 0;
            for (String name : candidate.getValue()) {
                List<String> nameWords = words(name);
                if (!nameWords.isEmpty() && Collections.indexOfSubList(words, nameWords) >= 0) {
                    length = Math.max(length, nameWords.size());
                }
            }
            if (length == 0) {
                continue;
            }
            if (length > bestLength) {
                best = candidate.getKey();
                bestLength = length;
                tie = false;
            } else if (length == bestLength && !candidate.getKey().equals(best)) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                // camelCase and letter/digit boundaries are word breaks too: "AnaSquat3" -> ana squat 3
                .replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ").replaceAll("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})", " ")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(Arrays.asList(plain.split("[^\\p{L}\\p{N}]+")));
        words.removeIf(String::isEmpty);
        return words;
    }

    private static String stripExtension(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
