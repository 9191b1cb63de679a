package com.skillmirror.report;

import static com.skillmirror.report.ResultsTree.at;
import static com.skillmirror.report.ResultsTree.flag;
import static com.skillmirror.report.ResultsTree.list;
import static com.skillmirror.report.ResultsTree.map;
import static com.skillmirror.report.ResultsTree.number;
import static com.skillmirror.report.ResultsTree.text;

import com.skillmirror.report.AngleCharts.Chart;
import com.skillmirror.report.AngleCharts.TimeMarker;
import com.skillmirror.report.progress.SinceLastTime;
import com.skillmirror.report.progress.SkillTrend;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the free-form results map into the template's variables: typed rows with numbers already formatted, so
 * the template only lays them out. A section is present only when its stage COMPLETED with a result; every stage
 * that FAILED, was SKIPPED or left no record becomes a {@link StageNotice} instead.
 */
final class ReportModel {

    /** The stages a report expects, in pipeline order. */
    static final List<String> STAGES = List.of("decode", "pose", "speech", "compare");

    private static final int MAX_CHARTS = 4;
    private static final int MAX_PAUSES_LISTED = 12;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    record Header(String athlete, String skill, String file, String status, String date, String score,
            String videoError) {
    }

    record StageNotice(String stage, String status, String message) {
    }

    record MetricRow(String name, String value, String target, String within, boolean ok, String source) {
    }

    record JointRow(String angle, String weight, String rms, String max, String score) {
    }

    record PhaseRow(String phase, String score, String rms, String relativeDuration) {
    }

    record FindingView(String area, String severity, String message, String advice, String drill,
            String drillDescription) {
    }

    record StepView(String order, String name, String description, String level, String forFindings) {
    }

    record WordView(String text, boolean filler) {
    }

    record PauseRow(String start, String duration) {
    }

    /** {@code chartsMissing}: why some or all of the charts over time are not there (null when they all are). */
    record SpeechView(String noSpeech, List<Fact> pace, List<Fact> pauses, List<PauseRow> pauseList,
            List<Fact> pitch, List<Fact> loudness, List<WordView> words, String fillers, boolean approximate,
            List<Chart> charts, String chartsMissing) {
    }

    record Fact(String label, String value) {
    }

    /** The athlete's key frame and, when the compared expert has footage, the expert's at the same moment. */
    record KeyFrameView(String label, String dataUri, String expertDataUri) {
    }

    /**
     * "Since last time": {@code verdict} is improved / regressed / unchanged, or "first" (nothing to compare with);
     * {@code trend} is the score chart, from two analyses on.
     */
    record SinceView(String verdict, String headline, List<ChangeRow> rows, Chart trend, String rule) {
    }

    record ChangeRow(String label, String before, String after, String delta, String verdict, String why) {
    }

    private ReportModel() {
    }

    static Map<String, Object> variables(ReportData data) {
        Map<String, Object> r = data.results();
        Map<?, ?> stages = map(r, "stages");
        Map<?, ?> comparison = completed(stages, "compare") ? map(stages, "compare", "result", "comparison") : null;
        Map<?, ?> speech = completed(stages, "speech") ? map(stages, "speech", "result") : null;
        Map<?, ?> pose = completed(stages, "pose") ? map(stages, "pose", "result") : null;

        Map<String, Object> v = new HashMap<>();
        v.put("header", header(data, comparison));
        v.put("notices", notices(stages));
        v.put("comparison", comparison != null);
        v.put("metrics", comparison == null ? List.of() : metrics(comparison));
        v.put("joints", comparison == null ? List.of() : joints(comparison));
        v.put("phases", comparison == null ? List.of() : phases(comparison));
        v.put("findings", findings(comparison, speech));
        v.put("steps", comparison == null ? List.of() : steps(comparison));
        v.put("charts", charts(data, comparison, pose));
        v.put("keyFrames", keyFrames(data));
        v.put("speech", speech == null ? null : speech(speech));
        v.put("provenance", provenance(stages, comparison, speech, pose));
        v.put("since", comparison == null ? null : since(data, comparison));
        return v;
    }

    private static boolean completed(Map<?, ?> stages, String stage) {
        return "COMPLETED".equals(text(stages, stage, "status")) && at(stages, stage, "result") != null;
    }

    private static Header header(ReportData data, Map<?, ?> comparison) {
        Map<String, Object> r = data.results();
        String athlete = text(r, "athlete");
        return new Header(athlete == null || athlete.isBlank() ? "Unnamed athlete" : athlete,
                orDash(text(r, "skill")), orDash(text(r, "file")), orDash(text(r, "status")),
                DATE.format(data.generatedAt()), comparison == null ? null : fmt(number(comparison, "score"), 0),
                text(r, "error", "message"));
    }

    private static List<StageNotice> notices(Map<?, ?> stages) {
        List<StageNotice> out = new ArrayList<>();
        for (String stage : STAGES) {
            String status = text(stages, stage, "status");
            if (status == null) {
                out.add(new StageNotice(stage, "NOT RUN", "No result was recorded for this stage."));
            } else if (!"COMPLETED".equals(status) || at(stages, stage, "result") == null) {
                String error = text(stages, stage, "error");
                out.add(new StageNotice(stage, status, error == null ? "No reason was recorded." : error));
            }
        }
        return out;
    }

    private static List<MetricRow> metrics(Map<?, ?> comparison) {
        List<MetricRow> out = new ArrayList<>();
        for (Object m : list(comparison, "metrics")) {
            String unit = orEmpty(text(m, "unit"));
            Object within = at(m, "withinTarget");
            out.add(new MetricRow(orDash(text(m, "name")), withUnit(fmt(number(m, "value"), 1), unit),
                    target(number(m, "targetMin"), number(m, "targetMax"), unit),
                    within == null ? "n/a" : Boolean.TRUE.equals(within) ? "yes" : "no",
                    !Boolean.FALSE.equals(within), orEmpty(text(m, "source"))));
        }
        return out;
    }

    private static String target(Double min, Double max, String unit) {
        if (min != null && max != null) {
            return withUnit(plain(min) + " to " + plain(max), unit);
        }
        if (min != null) {
            return withUnit("at least " + plain(min), unit);
        }
        return max == null ? "none" : withUnit("at most " + plain(max), unit);
    }

    private static List<JointRow> joints(Map<?, ?> comparison) {
        return list(comparison, "joints").stream().map(j -> new JointRow(humanise(text(j, "angle")),
                fmt(number(j, "weight"), 1), fmt(number(j, "rmsDeg"), 1), fmt(number(j, "maxDeg"), 1),
                fmt(number(j, "score"), 0))).toList();
    }

    private static List<PhaseRow> phases(Map<?, ?> comparison) {
        return list(comparison, "phases").stream().map(p -> new PhaseRow(humanise(text(p, "id")),
                fmt(number(p, "score"), 0), fmt(number(p, "rmsDeg"), 1), fmt(number(p, "relativeDuration"), 2)))
                .toList();
    }

    private static List<FindingView> findings(Map<?, ?> comparison, Map<?, ?> speech) {
        List<FindingView> out = new ArrayList<>();
        if (comparison != null) {
            Map<String, Object> drills = new HashMap<>();
            list(comparison, "learningPath").forEach(s -> drills.put(text(s, "drill"), s));
            for (Object f : list(comparison, "findings")) {
                Object drill = drills.get(text(f, "drill"));
                out.add(new FindingView("Technique", orDash(text(f, "severity")), orDash(text(f, "message")), null,
                        drill == null ? text(f, "drill") : text(drill, "name"),
                        drill == null ? null : text(drill, "description")));
            }
        }
        if (speech != null) {
            for (Object f : list(speech, "findings")) {
                out.add(new FindingView("Speech", orDash(text(f, "severity")), orDash(text(f, "message")),
                        text(f, "advice"), null, null));
            }
        }
        return out;
    }

    private static List<StepView> steps(Map<?, ?> comparison) {
        return list(comparison, "learningPath").stream().map(s -> new StepView(fmt(number(s, "order"), 0),
                orDash(text(s, "name")), orEmpty(text(s, "description")), fmt(number(s, "level"), 0),
                String.join(", ", list(s, "forFindings").stream().map(String::valueOf).toList()))).toList();
    }

    /** The compared angles (or, without a comparison, the best-covered joint angles), with key-frame markers. */
    private static List<Chart> charts(ReportData data, Map<?, ?> comparison, Map<?, ?> pose) {
        if (data.angles() == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        if (comparison != null) {
            list(comparison, "joints").forEach(j -> keys.add(text(j, "angle")));
        }
        if (keys.isEmpty()) {
            data.angles().angleNames().stream().filter(n -> n.endsWith("_angle"))
                    .sorted((a, b) -> Long.compare(data.angles().valuedCount(b), data.angles().valuedCount(a)))
                    .limit(2).forEach(keys::add);
        }
        List<TimeMarker> markers = list(pose, "keyFrames").stream()
                .filter(k -> number(k, "timeMs") != null)
                .map(k -> new TimeMarker(text(k, "kind"), number(k, "timeMs") / 1000)).toList();
        // the pattern mean is one movement: stretched over a take of several cycles it would mislead
        Double cycles = comparison == null ? null : number(comparison, "data", "cycles");
        boolean overlay = cycles == null || cycles <= 1;
        List<Chart> out = new ArrayList<>();
        for (String key : keys) {
            if (key == null || out.size() == MAX_CHARTS) {
                continue;
            }
            Chart c = AngleCharts.chart(data.angles(), key, overlay ? data.patternMeans().get(key) : null, markers,
                    humanise(key), out.size());
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static SinceView since(ReportData data, Map<?, ?> comparison) {
        SkillTrend history = data.history();
        boolean endsHere = history != null && (history.latest() == null
                || String.valueOf(history.latest().videoId()).equals(text(data.results(), "videoId")));
        if (!endsHere) {
            // not looked up, or it does not end with this video: comparing two other analyses would mislead
            return null;
        }
        String athlete = text(data.results(), "athlete");
        Optional<SinceLastTime> since = SinceLastTime.of(history, comparison);
        if (since.isEmpty()) {
            return new SinceView("first", athlete == null || athlete.isBlank()
                    ? "No athlete was tagged on this video, so it cannot be compared with earlier analyses: tag the"
                            + " athlete to follow progress."
                    : "First analysis of " + athlete + " for " + orDash(history.skillName())
                            + ": the next one will be compared with this one.", List.of(), null, null);
        }
        SinceLastTime s = since.get();
        List<ChangeRow> rows = new ArrayList<>();
        for (SinceLastTime.Change c : s.changes()) {
            int decimals = c.label().equals(SinceLastTime.SCORE) ? 0 : c.label().endsWith("(ratio)") ? 2 : 1;
            rows.add(new ChangeRow(c.label(), fmt(c.before(), decimals), fmt(c.after(), decimals),
                    (c.delta() > 0 ? "+" : "") + fmt(c.delta(), decimals), c.verdict().text(), c.why()));
        }
        int n = history.points().size();
        String headline = capitalise(s.overall().text()) + " since the previous analysis ("
                + DATE.format(s.previous().analysedAt()) + "); analysis " + n + " of " + orDash(athlete) + " for "
                + orDash(history.skillName()) + ".";
        String rule = "Within noise: the score moved less than " + fmt(SinceLastTime.SCORE_UNCHANGED_BELOW, 0)
                + " points, an angle or a percentage less than 2, a ratio less than 0.05. A metric with a target is"
                + " better when closer to it (inside it both times: unchanged), a deviation from the pattern when"
                + " smaller. The overall verdict follows the score.";
        return new SinceView(s.overall().text(), headline, rows, ProgressCharts.score(history, "since_"), rule);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<KeyFrameView> keyFrames(ReportData data) {
        List<KeyFrameView> out = new ArrayList<>();
        data.keyFrames().forEach((label, jpeg) -> {
            byte[] expert = data.expertKeyFrames().get(label);
            out.add(new KeyFrameView(humanise(label), jpegUri(jpeg), expert == null ? null : jpegUri(expert)));
        });
        return out;
    }

    private static String jpegUri(byte[] jpeg) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
    }

    private static SpeechView speech(Map<?, ?> s) {
        if (flag(s, "noSpeechDetected")) {
            String reason = text(s, "noSpeechReason");
            return new SpeechView(reason == null ? "No speech was detected." : reason, List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), null, flag(s, "approximate"), List.of(), null);
        }
        Map<?, ?> m = map(s, "metrics");
        Map<?, ?> t = map(s, "transcriptStats");
        List<Fact> pace = List.of(new Fact("Words per minute", fmt(number(t, "wordsPerMinute"), 0)),
                new Fact("Syllables per second", fmt(number(m, "rate", "syllablesPerSec"), 2)),
                new Fact("Articulation rate (syllables/s while voiced)", fmt(number(m, "rate", "articulationRate"), 2)),
                new Fact("Words", fmt(number(t, "wordCount"), 0)),
                new Fact("Duration", withUnit(fmt(number(m, "durationSec"), 1), "s")));
        List<Fact> pauses = List.of(new Fact("Pauses", fmt(number(m, "pauseCount"), 0)),
                new Fact("Total pause time", withUnit(fmt(number(m, "totalPauseSec"), 1), "s")),
                new Fact("Longest pause", withUnit(fmt(number(m, "longestPauseSec"), 2), "s")),
                new Fact("Share of the talk spent in pauses", percent(number(m, "pauseRatio"))));
        // a long talk has hundreds of pauses: list the longest ones, in time order
        List<?> longest = list(m, "pauses").stream()
                .sorted(Comparator.comparing((Object p) -> orZero(number(p, "durationSec"))).reversed())
                .limit(MAX_PAUSES_LISTED).sorted(Comparator.comparing((Object p) -> orZero(number(p, "startSec"))))
                .toList();
        List<PauseRow> pauseList = longest.stream().map(p -> new PauseRow(withUnit(fmt(number(p, "startSec"), 2), "s"),
                withUnit(fmt(number(p, "durationSec"), 2), "s"))).toList();
        List<Fact> pitch = List.of(new Fact("Mean", withUnit(fmt(number(m, "pitch", "meanHz"), 0), "Hz")),
                new Fact("Median", withUnit(fmt(number(m, "pitch", "medianHz"), 0), "Hz")),
                new Fact("Variation (std)", withUnit(fmt(number(m, "pitch", "stdSemitones"), 1), "semitones")),
                new Fact("Range", withUnit(fmt(number(m, "pitch", "rangeSemitones"), 1), "semitones")),
                new Fact("Voiced share", percent(number(m, "pitch", "voicedRatio"))));
        List<Fact> loudness = List.of(new Fact("Mean", withUnit(fmt(number(m, "loudness", "meanDb"), 1), "dB")),
                new Fact("Variation (std)", withUnit(fmt(number(m, "loudness", "stdDb"), 1), "dB")),
                new Fact("Range", withUnit(fmt(number(m, "loudness", "rangeDb"), 1), "dB")));
        SpeechCharts.Result charts = SpeechCharts.of(s);
        return new SpeechView(null, pace, pauses, pauseList, pitch, loudness, words(s),
                fmt(number(t, "fillerCount"), 0) + " (" + fmt(number(t, "fillersPerMinute"), 1) + " per minute)",
                flag(s, "approximate"), charts.charts(), charts.missing());
    }

    /** The transcript's words, a word marked when a filler occurrence (one or more words) starts at or covers it. */
    private static List<WordView> words(Map<?, ?> speech) {
        List<?> words = list(speech, "transcript", "words");
        boolean[] filler = new boolean[words.size()];
        for (Object f : list(speech, "transcriptStats", "fillers")) {
            Double start = number(f, "startSec");
            int length = orEmpty(text(f, "text")).split("\\s+").length;
            for (int i = 0; start != null && i < words.size(); i++) {
                Double ws = number(words.get(i), "startSec");
                if (ws != null && Math.abs(ws - start) < 1e-6) {
                    for (int k = i; k < Math.min(words.size(), i + length); k++) {
                        filler[k] = true;
                    }
                    break;
                }
            }
        }
        List<WordView> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            out.add(new WordView(orEmpty(text(words.get(i), "word")), filler[i]));
        }
        return out;
    }

    private static List<Fact> provenance(Map<?, ?> stages, Map<?, ?> comparison, Map<?, ?> speech, Map<?, ?> pose) {
        Map<String, String> facts = new LinkedHashMap<>();
        Map<?, ?> decode = map(stages, "decode", "result");
        if (decode != null) {
            facts.put("Video", text(decode, "container") + ", " + text(decode, "videoCodec") + ", "
                    + text(decode, "width") + "x" + text(decode, "height") + " at " + text(decode, "sourceFps") + " fps"
                    + (text(decode, "audioCodec") == null ? ", no audio" : ", audio " + text(decode, "audioCodec")));
        }
        if (pose != null) {
            facts.put("Pose model", "BlazePose " + text(pose, "model") + " (mean pose score "
                    + fmt(number(pose, "meanPoseScore"), 2) + ", " + fmt(number(pose, "framesAnalysed"), 0)
                    + " frames analysed)");
            facts.put("Athlete tracking", text(pose, "note"));
        }
        if (comparison != null) {
            facts.put("Pattern", text(comparison, "pattern", "id") + " (" + text(comparison, "pattern", "source") + ")");
            facts.put("Pattern expert", text(comparison, "pattern", "expertName"));
            facts.put("Pattern citation", text(comparison, "pattern", "citation"));
            facts.put("Pattern content SHA-256", text(comparison, "pattern", "contentHash"));
            facts.put("Score formula", text(comparison, "scoreFormula"));
            facts.put("Orientation", text(comparison, "mirrorNote"));
            facts.put("Frames used", fmt(number(comparison, "data", "usedFrames"), 0) + " of "
                    + fmt(number(comparison, "data", "frames"), 0) + ", angles left out: "
                    + String.join(", ", list(comparison, "data", "excludedAngles").stream().map(String::valueOf)
                            .map(ReportModel::humanise).toList()));
        }
        if (speech != null) {
            facts.put("Speech analysis", text(speech, "provider") + (flag(speech, "approximate") ? " (approximate)" : ""));
            // no transcript (no speech, or no provider): no line, rather than "null"
            String transcriber = text(speech, "transcript", "provider");
            facts.put("Transcript", transcriber == null ? null : transcriber
                    + (flag(speech, "transcript", "approximate") ? " (approximate: words may be wrong)" : ""));
            facts.put("Transcription error", text(speech, "transcriptionError"));
            facts.put("Feedback source", text(speech, "feedbackSource"));
        }
        List<Fact> out = new ArrayList<>();
        facts.forEach((k, val) -> {
            if (val != null && !val.isBlank()) {
                out.add(new Fact(k, val));
            }
        });
        return out;
    }

    static String humanise(String key) {
        if (key == null || key.isBlank()) {
            return "-";
        }
        String s = key.replace('_', ' ').replace('-', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String fmt(Double d, int decimals) {
        return d == null || d.isNaN() ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    /** A target as written in the skill: 100, 0.5, 1.25 (no padding zeros). */
    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String percent(Double ratio) {
        return ratio == null ? "n/a" : fmt(ratio * 100, 0) + " %";
    }

    private static String withUnit(String value, String unit) {
        return "n/a".equals(value) || unit == null || unit.isEmpty() ? value : value + " " + unit;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
