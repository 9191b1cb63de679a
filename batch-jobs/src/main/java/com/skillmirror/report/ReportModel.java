package com.skillmirror.report;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.Comparison.LearningStep;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.report.AngleCharts.Chart;
import com.skillmirror.report.AngleCharts.TimeMarker;
import com.skillmirror.report.progress.SinceLastTime;
import com.skillmirror.report.progress.SkillTrend;
import com.skillmirror.speech.SpeechMetrics;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.speech.TranscriptConfidence;
import com.skillmirror.speech.TranscriptStats;
import com.skillmirror.speech.TranscriptWord;
import com.skillmirror.upload.Video;
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
import java.util.function.ToDoubleFunction;

/**
 * Turns the video's typed results into the template's variables: rows with numbers already formatted, so
 * the template only lays them out. A section is present only when its stage COMPLETED with a result; every stage
 * that FAILED, was SKIPPED or left no record becomes a {@link StageNotice} instead.
 */
final class ReportModel {

    /** The stages a report expects, in pipeline order. */
    static final List<Stage> STAGES = List.of(Stage.DECODE, Stage.POSE, Stage.SPEECH, Stage.COMPARE);

    private static final int MAX_CHARTS = 4;
    private static final int MAX_PAUSES_LISTED = 12;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** @param scoreBand the score's 95 % band and smallest real change, or null (older results, short takes) */
    record Header(String athlete, String skill, String file, String status, String date, String score,
            String videoError, String scoreBand) {
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

    /**
     * A transcript word; {@code doubtful} when its confidence is under its recogniser's limit
     * ({@link TranscriptConfidence#lowWord()}; shown greyed, its confidence in {@code title}); {@code title} null
     * when the confidence is unknown.
     */
    record WordView(String text, boolean filler, boolean doubtful, String title) {

        /** The span's classes, null for a plain word (no attribute). */
        public String cssClass() {
            String c = (filler ? "filler " : "") + (doubtful ? "doubtful" : "");
            return c.isBlank() ? null : c.strip();
        }
    }

    record PauseRow(String start, String duration) {
    }

    /** {@code chartsMissing}: why some or all of the charts over time are not there (null when they all are). */
    /**
     * {@code confidence}: the transcript's confidence in words (null when unknown); {@code poorTranscript}: the note
     * marking what rests on a poor transcript (null when it is not poor or unknown).
     */
    record SpeechView(String noSpeech, List<Fact> pace, List<Fact> pauses, List<PauseRow> pauseList,
            List<Fact> pitch, List<Fact> loudness, List<WordView> words, String fillers, boolean approximate,
            List<Chart> charts, String chartsMissing, String confidence, String poorTranscript) {
    }

    record Fact(String label, String value) {
    }

    /** The athlete's key frame and, when the compared expert has footage, the expert's at the same moment. */
    /** Who was analysed as the athlete and why: the pose stage's choice, with the frame showing their box. */
    record AthleteView(String reason, String imageUri, List<String> warnings) {
    }

    record KeyFrameView(String label, String dataUri, String expertDataUri) {
    }

    /**
     * A coach's note: its time on the video ("0:01.500"), kind, angle ("87.3°", null unless an angle), the coach's
     * words as typed (escaped by th:text like all data), the annotated frame (null when missing).
     */
    record NoteView(String time, String kind, String angle, String text, String author, String created,
            String frameUri) {
    }

    /**
     * "Since last time": {@code verdict} is improved / regressed / unchanged, or "first" (nothing to compare with);
     * {@code trend} is the score chart, from two analyses on.
     */
    record SinceView(String verdict, String headline, List<ChangeRow> rows, Chart trend, String rule) {
    }

    record ChangeRow(String label, String before, String after, String delta, String verdict, String why) {
    }

    /** The label the athlete's frame has among the key frames (the artifact kind, like the key frames'). */
    static final String ATHLETE_FRAME = com.skillmirror.storage.Artifact.ATHLETE_FRAME.kind();

    private ReportModel() {
    }

    static Map<String, Object> variables(ReportData data) {
        VideoResults r = data.results();
        Comparison comparison = r.comparison();
        SpeechResult speech = r.speech();

        Map<String, Object> v = new HashMap<>();
        v.put("header", header(data, comparison));
        v.put("notices", notices(r));
        v.put("comparison", comparison != null);
        v.put("metrics", comparison == null ? List.of() : metrics(comparison));
        v.put("capture", comparison == null ? null : CaptureView.of(comparison));
        v.put("joints", comparison == null ? List.of() : joints(comparison));
        v.put("phases", comparison == null ? List.of() : phases(comparison));
        v.put("findings", findings(comparison, speech));
        v.put("steps", comparison == null ? List.of() : steps(comparison));
        v.put("charts", charts(data, comparison, r.pose()));
        v.put("keyFrames", keyFrames(data));
        v.put("notes", notes(data));
        v.put("athlete", athlete(data));
        v.put("speech", speech == null ? null : speech(speech));
        v.put("provenance", provenance(r));
        v.put("since", comparison == null ? null : since(data, comparison));
        v.put("repetitions", comparison == null ? null : RepetitionsView.of(comparison.repetitions(),
                data.keyFrames()));
        return v;
    }

    private static Header header(ReportData data, Comparison comparison) {
        Video video = data.results().video();
        String athlete = video.athleteName();
        String status = data.results().status() == null ? null : data.results().status().name();
        return new Header(athlete == null || athlete.isBlank() ? "Unnamed athlete" : athlete,
                orDash(video.skillId()), orDash(video.originalName()), orDash(status),
                DATE.format(data.generatedAt()), comparison == null ? null : fmt(comparison.score(), 0),
                video.errorMessage(), scoreBand(comparison));
    }

    private static String scoreBand(Comparison comparison) {
        Comparison.ScoreReliability r = comparison == null ? null : comparison.reliability();
        if (r == null) {
            return null;
        }
        return "\u00b1 " + fmt(r.bandPoints(), 1) + " (95 %); a change under " + fmt(r.smallestRealChangePoints(), 1)
                + " is within the noise (" + r.basis() + ")";
    }

    private static List<StageNotice> notices(VideoResults results) {
        List<StageNotice> out = new ArrayList<>();
        for (Stage stage : STAGES) {
            StageOutcome outcome = results.outcomes().get(stage);
            if (outcome == null) {
                out.add(new StageNotice(stage.stepName(), "NOT RUN", "No result was recorded for this stage."));
            } else if (!results.hasResult(stage)) {
                String error = outcome.error();
                out.add(new StageNotice(stage.stepName(), outcome.status().name(),
                        error == null ? "No reason was recorded." : error));
            }
        }
        return out;
    }

    private static List<MetricRow> metrics(Comparison comparison) {
        List<MetricRow> out = new ArrayList<>();
        for (Comparison.MetricResult m : listed(comparison.metrics())) {
            if (m.withheld() != null) {
                continue; // not measured from this view: listed with its reason (CaptureView)
            }
            String unit = orEmpty(m.unit());
            Boolean within = m.withinTarget();
            out.add(new MetricRow(orDash(m.name()), withUnit(fmt(m.value(), 1), unit),
                    target(m.targetMin(), m.targetMax(), unit),
                    within == null ? "n/a" : within ? "yes" : "no",
                    !Boolean.FALSE.equals(within), orEmpty(m.source())));
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

    private static List<JointRow> joints(Comparison comparison) {
        return listed(comparison.joints()).stream().map(j -> new JointRow(humanise(j.angle()), fmt(j.weight(), 1),
                fmt(j.rmsDeg(), 1), fmt(j.maxDeg(), 1), fmt(j.score(), 0))).toList();
    }

    private static List<PhaseRow> phases(Comparison comparison) {
        return listed(comparison.phases()).stream().map(p -> new PhaseRow(humanise(p.id()), fmt(p.score(), 0),
                fmt(p.rmsDeg(), 1), fmt(p.relativeDuration(), 2))).toList();
    }

    private static List<FindingView> findings(Comparison comparison, SpeechResult speech) {
        List<FindingView> out = new ArrayList<>();
        if (comparison != null) {
            Map<String, LearningStep> drills = new HashMap<>();
            listed(comparison.learningPath()).forEach(s -> drills.put(s.drill(), s));
            for (Comparison.RankedFinding f : listed(comparison.findings())) {
                LearningStep drill = drills.get(f.drill());
                out.add(new FindingView("Technique", orDash(f.severity()), orDash(f.message()), null,
                        drill == null ? f.drill() : drill.name(), drill == null ? null : drill.description()));
            }
        }
        if (speech != null) {
            for (com.skillmirror.speech.Finding f : listed(speech.findings())) {
                out.add(new FindingView("Speech", orDash(f.severity() == null ? null : f.severity().name()),
                        orDash(f.message()), f.advice(), null, null));
            }
        }
        return out;
    }

    private static List<StepView> steps(Comparison comparison) {
        return listed(comparison.learningPath()).stream().map(s -> new StepView(fmt((double) s.order(), 0),
                orDash(s.name()), orEmpty(s.description()), fmt((double) s.level(), 0),
                String.join(", ", listed(s.forFindings())))).toList();
    }

    /** The compared angles (or, without a comparison, the best-covered joint angles), with key-frame markers. */
    private static List<Chart> charts(ReportData data, Comparison comparison, PoseResult pose) {
        if (data.angles() == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        if (comparison != null) {
            listed(comparison.joints()).forEach(j -> keys.add(j.angle()));
        }
        if (keys.isEmpty()) {
            data.angles().angleNames().stream().filter(n -> n.endsWith("_angle"))
                    .sorted((a, b) -> Long.compare(data.angles().valuedCount(b), data.angles().valuedCount(a)))
                    .limit(2).forEach(keys::add);
        }
        List<TimeMarker> markers = pose == null ? List.of() : listed(pose.keyFrames()).stream()
                .map(k -> new TimeMarker(k.kind() == null ? null : k.kind().name(), k.timeMs() / 1000.0)).toList();
        // the pattern mean is one movement: stretched over a take of several cycles it would mislead
        boolean overlay = comparison == null || comparison.data() == null || comparison.data().cycles() <= 1;
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

    private static SinceView since(ReportData data, Comparison comparison) {
        SkillTrend history = data.history();
        Video video = data.results().video();
        boolean endsHere = history != null && (history.latest() == null
                || history.latest().videoId().equals(video.id()));
        if (!endsHere) {
            // not looked up, or it does not end with this video: comparing two other analyses would mislead
            return null;
        }
        String athlete = video.athleteName();
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

    /** Null for a result of before the athlete was chosen this way, or when the pose stage found nobody. */
    private static AthleteView athlete(ReportData data) {
        PoseResult pose = data.results().pose();
        if (pose == null || pose.athlete() == null) {
            return null;
        }
        byte[] frame = data.keyFrames().get(ATHLETE_FRAME);
        String reason = "Person " + pose.athlete().personId() + ": " + pose.athlete().reason() + ".";
        return new AthleteView(capitalise(reason), frame == null ? null : jpegUri(frame), pose.athlete().warnings());
    }

    private static List<KeyFrameView> keyFrames(ReportData data) {
        List<KeyFrameView> out = new ArrayList<>();
        data.keyFrames().forEach((label, jpeg) -> {
            if (label.equals(ATHLETE_FRAME) || label.equals(RepetitionFrames.BEST)
                    || label.equals(RepetitionFrames.WORST)) {
                return; // shown in their own sections
            }
            byte[] expert = data.expertKeyFrames().get(label);
            out.add(new KeyFrameView(humanise(label), jpegUri(jpeg), expert == null ? null : jpegUri(expert)));
        });
        return out;
    }

    private static List<NoteView> notes(ReportData data) {
        List<NoteView> out = new ArrayList<>();
        for (ReportData.Note n : data.notes()) {
            var note = n.note();
            long ms = note.timeMs();
            String time = String.format(Locale.ROOT, "%d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000);
            String angle = note.angleDeg() == null ? null : String.format(Locale.ROOT, "%.1f\u00b0", note.angleDeg());
            String kind = switch (note.kind()) {
                case LINE -> "Line";
                case ANGLE -> "Angle";
                case TEXT -> "Comment";
            };
            out.add(new NoteView(time, kind, angle, note.text(), note.author(), DATE.format(note.createdAt()),
                    n.frame() == null ? null : jpegUri(n.frame())));
        }
        return out;
    }

    private static String jpegUri(byte[] jpeg) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
    }

    private static SpeechView speech(SpeechResult s) {
        if (s.noSpeechDetected()) {
            String reason = s.noSpeechReason();
            return new SpeechView(reason == null ? "No speech was detected." : reason, List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), null, s.approximate(), List.of(), null, null, null);
        }
        // any part may be missing from an older result: its numbers show as n/a
        SpeechMetrics m = s.metrics();
        TranscriptStats t = s.transcriptStats();
        SpeechMetrics.Rate rate = m == null ? null : m.rate();
        SpeechMetrics.Pitch pitch = m == null ? null : m.pitch();
        SpeechMetrics.Loudness loudness = m == null ? null : m.loudness();
        TranscriptConfidence confidence = s.transcriptConfidence();
        // counted from the words: marked when the words are doubtful; the syllable rates come from the audio alone
        String poor = confidence == null || !confidence.poor() ? "" : " " + POOR_MARK;
        List<Fact> pace = List.of(
                new Fact("Words per minute", fmt(number(t, TranscriptStats::wordsPerMinute), 0) + poor),
                new Fact("Syllables per second", fmt(number(rate, SpeechMetrics.Rate::syllablesPerSec), 2)),
                new Fact("Articulation rate (syllables/s while voiced)",
                        fmt(number(rate, SpeechMetrics.Rate::articulationRate), 2)),
                new Fact("Words", fmt(number(t, TranscriptStats::wordCount), 0) + poor),
                new Fact("Duration", withUnit(fmt(number(m, SpeechMetrics::durationSec), 1), "s")));
        List<Fact> pauses = List.of(new Fact("Pauses", fmt(number(m, SpeechMetrics::pauseCount), 0)),
                new Fact("Total pause time", withUnit(fmt(number(m, SpeechMetrics::totalPauseSec), 1), "s")),
                new Fact("Longest pause", withUnit(fmt(number(m, SpeechMetrics::longestPauseSec), 2), "s")),
                new Fact("Share of the talk spent in pauses", percent(number(m, SpeechMetrics::pauseRatio))));
        // a long talk has hundreds of pauses: list the longest ones, in time order
        List<SpeechMetrics.Segment> longest = listed(m == null ? null : m.pauses()).stream()
                .sorted(Comparator.comparingDouble(SpeechMetrics.Segment::durationSec).reversed())
                .limit(MAX_PAUSES_LISTED).sorted(Comparator.comparingDouble(SpeechMetrics.Segment::startSec))
                .toList();
        List<PauseRow> pauseList = longest.stream().map(p -> new PauseRow(withUnit(fmt(p.startSec(), 2), "s"),
                withUnit(fmt(p.durationSec(), 2), "s"))).toList();
        List<Fact> pitchFacts = List.of(
                new Fact("Mean", withUnit(fmt(number(pitch, SpeechMetrics.Pitch::meanHz), 0), "Hz")),
                new Fact("Median", withUnit(fmt(number(pitch, SpeechMetrics.Pitch::medianHz), 0), "Hz")),
                new Fact("Variation (std)",
                        withUnit(fmt(number(pitch, SpeechMetrics.Pitch::stdSemitones), 1), "semitones")),
                new Fact("Range", withUnit(fmt(number(pitch, SpeechMetrics.Pitch::rangeSemitones), 1), "semitones")),
                new Fact("Voiced share", percent(number(pitch, SpeechMetrics.Pitch::voicedRatio))));
        List<Fact> loudnessFacts = List.of(
                new Fact("Mean", withUnit(fmt(number(loudness, SpeechMetrics.Loudness::meanDb), 1), "dB")),
                new Fact("Variation (std)", withUnit(fmt(number(loudness, SpeechMetrics.Loudness::stdDb), 1), "dB")),
                new Fact("Range", withUnit(fmt(number(loudness, SpeechMetrics.Loudness::rangeDb), 1), "dB")));
        SpeechCharts.Result charts = SpeechCharts.of(s);
        return new SpeechView(null, pace, pauses, pauseList, pitchFacts, loudnessFacts, words(s),
                fmt(number(t, TranscriptStats::fillerCount), 0) + " ("
                        + fmt(number(t, TranscriptStats::fillersPerMinute), 1) + " per minute)" + poor,
                s.approximate(), charts.charts(), charts.missing(), confidence(confidence),
                confidence == null ? null : confidence.note());
    }

    /** The mark on a number counted from the words of a poor transcript. */
    static final String POOR_MARK = "(rests on a poor transcript)";

    private static String confidence(TranscriptConfidence c) {
        if (c == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%.0f %% (%s, weighted by word length); %.0f %% of %d words under %.0f %%%s",
                c.mean() * 100, orEmpty(c.basis()), c.lowWordShare() * 100, c.words(),
                c.lowWord() * 100, c.poor() ? ": a poor transcript" : "");
    }

    /** The transcript's words, a word marked when a filler occurrence (one or more words) starts at or covers it. */
    private static List<WordView> words(SpeechResult speech) {
        List<TranscriptWord> words = speech.transcript() == null ? List.of() : listed(speech.transcript().words());
        boolean[] filler = new boolean[words.size()];
        TranscriptStats stats = speech.transcriptStats();
        for (TranscriptStats.Occurrence f : listed(stats == null ? null : stats.fillers())) {
            int length = orEmpty(f.text()).split("\\s+").length;
            for (int i = 0; i < words.size(); i++) {
                if (Math.abs(words.get(i).startSec() - f.startSec()) < 1e-6) {
                    for (int k = i; k < Math.min(words.size(), i + length); k++) {
                        filler[k] = true;
                    }
                    break;
                }
            }
        }
        // each recogniser's confidences have their own scale: the limit is the one its transcript was rated by
        double lowWord = speech.transcriptConfidence() == null ? TranscriptConfidence.LOW_WORD
                : speech.transcriptConfidence().lowWord();
        List<WordView> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Double c = words.get(i).confidence();
            out.add(new WordView(orEmpty(words.get(i).word()), filler[i],
                    c != null && c < lowWord,
                    c == null ? null : String.format(Locale.ROOT, "confidence %.0f %%", c * 100)));
        }
        return out;
    }

    private static List<Fact> provenance(VideoResults results) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (results.decode() != null) {
            var d = results.decode();
            facts.put("Video", d.container() + ", " + d.videoCodec() + ", " + d.width() + "x" + d.height() + " at "
                    + d.sourceFps() + " fps" + (d.audioCodec() == null ? ", no audio" : ", audio " + d.audioCodec()));
        }
        PoseResult pose = results.pose();
        if (pose != null) {
            facts.put("Pose model", "BlazePose " + pose.model() + " (mean pose score " + fmt(pose.meanPoseScore(), 2)
                    + ", " + fmt((double) pose.framesAnalysed(), 0) + " frames analysed)");
            facts.put("Athlete tracking", pose.note());
        }
        Comparison comparison = results.comparison();
        if (comparison != null) {
            Comparison.PatternRef pattern = comparison.pattern();
            if (pattern != null) {
                facts.put("Pattern", pattern.id() + " (" + pattern.source() + ")");
                facts.put("Pattern expert", pattern.expertName());
                facts.put("Pattern citation", pattern.citation());
                facts.put("Pattern content SHA-256", pattern.contentHash());
            }
            facts.put("Score formula", comparison.scoreFormula());
            facts.put("Orientation", comparison.mirrorNote());
            Comparison.DataQuality data = comparison.data();
            if (data != null) {
                facts.put("Frames used", fmt((double) data.usedFrames(), 0) + " of " + fmt((double) data.frames(), 0)
                        + ", angles left out: " + String.join(", ", listed(data.excludedAngles()).stream()
                                .map(ReportModel::humanise).toList()));
            }
        }
        SpeechResult speech = results.speech();
        if (speech != null) {
            facts.put("Speech analysis", speech.provider() + (speech.approximate() ? " (approximate)" : ""));
            // no transcript (no speech, or no provider): no line, rather than "null"
            var transcript = speech.transcript();
            facts.put("Transcript", transcript == null || transcript.provider() == null ? null : transcript.provider()
                    + (transcript.approximate() ? " (approximate: words may be wrong)" : ""));
            facts.put("Transcription error", speech.transcriptionError());
            facts.put("Feedback source", speech.feedbackSource());
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

    /** A number of a part of a result that may be missing (an older result, no transcript): null then (n/a). */
    private static <T> Double number(T part, ToDoubleFunction<T> value) {
        return part == null ? null : value.applyAsDouble(part);
    }

    /** A list an older result may lack. */
    private static <T> List<T> listed(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
