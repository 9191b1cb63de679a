package com.skillmirror.report;

import java.util.List;
import java.util.Map;

/**
 * Null-safe reading of the nested maps and lists of {@code AnalysisResults.video}: stage summaries are free-form
 * JSON, so any level may be missing (a stage that failed has no result, an old run lacks a newer field).
 */
final class ResultsTree {

    private ResultsTree() {
    }

    /** The value at the path of map keys, or null where any step is missing or not a map. */
    static Object at(Object root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static Map<?, ?> map(Object root, String... path) {
        return at(root, path) instanceof Map<?, ?> m ? m : null;
    }

    static List<?> list(Object root, String... path) {
        return at(root, path) instanceof List<?> l ? l : List.of();
    }

    static String text(Object root, String... path) {
        Object v = at(root, path);
        return v == null ? null : String.valueOf(v);
    }

    static Double number(Object root, String... path) {
        return at(root, path) instanceof Number n ? n.doubleValue() : null;
    }

    static boolean flag(Object root, String... path) {
        return Boolean.TRUE.equals(at(root, path));
    }
}
