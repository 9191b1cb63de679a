package com.skillmirror.portal.operations;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression selects: identifiers that are not functions, keywords or label names. */
final class PromQl {

    private static final Set<String> NOT_METRICS = Set.of(
            // functions
            "abs", "absent", "absent_over_time", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min",
            "count_over_time", "delta", "deriv", "exp", "floor", "histogram_quantile", "idelta", "increase", "irate",
            "label_replace", "label_join", "last_over_time", "ln", "max_over_time", "min_over_time", "predict_linear",
            "quantile_over_time", "rate", "resets", "round", "scalar", "sort", "sort_desc", "sqrt", "sum_over_time",
            "time", "timestamp", "vector",
            // aggregations and keywords
            "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
            "group", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
            "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        String e = expr
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")        // string literals (label values)
                .replaceAll("\\{[^}]*\\}", " ")                        // label matchers
                .replaceAll("\\[[^]]*\\]", " ")                        // range selectors and subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\$\\{?[a-zA-Z_]+\\}?", " ")              // Grafana variables ($__rate_interval)
                .replaceAll("\\b[0-9][0-9.eE+-]*[smhdwy]?\\b", " ");   // numbers and durations
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String name = m.group();
            if (!NOT_METRICS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
