package com.skillmirror.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.PatternSource;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result of comparing one person's take with a skill's pattern. Angles in degrees, numbers rounded for
 * display; {@code null} where a value could not be computed (never NaN). {@link #toJson()} is what users get (the
 * CLI's and the API's comparison JSON); stored by {@code analysis.ResultCodec} ({@link #SCHEMA_VERSION}), as a
 * {@code comparison} row and inside the compare stage's {@link CompareResult}.
 *
 * @param score       0-100, see {@link #scoreFormula}
 * @param mirrored    the take was compared as its mirror image (left/right swapped, segment angles negated)
 *                    because that matched clearly better: filmed mirrored (a selfie camera), or a left-handed or
 *                    left-footed athlete against a right-sided pattern; {@link #mirrorNote} says so in words
 * @param joints      per compared angle, deviation after time alignment
 * @param phases      per phase of the skill, deviation and timing
 * @param rom         range of motion vs the pattern
 * @param symmetry    left/right pairs
 * @param metrics     the skill's metrics measured on the take
 * @param findings    fired findings, most impact first
 * @param learningPath the drills to do next, in order
 * @param repetitions  the take's repetitions, each compared on its own, when it held two or more (then
 *                     {@code score} is their median); absent otherwise and in comparisons stored before it existed
 * @param reliability  the score's confidence band and smallest real change; absent in comparisons stored before it
 *                     existed, or when the take was too short to split
 * @param capture      the camera view over the take, what it hid, and what to change next time; absent when the views
 *                     were not known (a take compared without its landmarks) and in comparisons stored before it
 * @param alignment    the warping path the score was measured along, per take frame, and the phases' frame spans
 *                     (for the comparison player); absent in comparisons stored before it existed
 */
public record Comparison(double score, String scoreFormula, boolean mirrored, String mirrorNote, PatternRef pattern,
        String skillId, int skillVersion, List<JointResult> joints, List<PhaseResult> phases, Tempo tempo,
        List<RangeOfMotion> rom, List<Symmetry> symmetry, List<MetricResult> metrics, List<RankedFinding> findings,
        List<LearningStep> learningPath, DataQuality data,
        @JsonInclude(JsonInclude.Include.NON_NULL) RepetitionSet repetitions,
        @JsonInclude(JsonInclude.Include.NON_NULL) ScoreReliability reliability,
        @JsonInclude(JsonInclude.Include.NON_NULL) CaptureQuality capture,
        @JsonInclude(JsonInclude.Include.NON_NULL) Alignment alignment) {

    /** A comparison without its alignment: the shape before the player needed it. */
    public Comparison(double score, String scoreFormula, boolean mirrored, String mirrorNote, PatternRef pattern,
            String skillId, int skillVersion, List<JointResult> joints, List<PhaseResult> phases, Tempo tempo,
            List<RangeOfMotion> rom, List<Symmetry> symmetry, List<MetricResult> metrics, List<RankedFinding> findings,
            List<LearningStep> learningPath, DataQuality data, RepetitionSet repetitions,
            ScoreReliability reliability, CaptureQuality capture) {
        this(score, scoreFormula, mirrored, mirrorNote, pattern, skillId, skillVersion, joints, phases, tempo, rom,
                symmetry, metrics, findings, learningPath, data, repetitions, reliability, capture, null);
    }

    /** A comparison without capture facts: the shape before views were estimated. */
    public Comparison(double score, String scoreFormula, boolean mirrored, String mirrorNote, PatternRef pattern,
            String skillId, int skillVersion, List<JointResult> joints, List<PhaseResult> phases, Tempo tempo,
            List<RangeOfMotion> rom, List<Symmetry> symmetry, List<MetricResult> metrics, List<RankedFinding> findings,
            List<LearningStep> learningPath, DataQuality data, RepetitionSet repetitions,
            ScoreReliability reliability) {
        this(score, scoreFormula, mirrored, mirrorNote, pattern, skillId, skillVersion, joints, phases, tempo, rom,
                symmetry, metrics, findings, learningPath, data, repetitions, reliability, null);
    }

    /** A comparison of the take as one (no repetitions): the shape before repetitions existed. */
    public Comparison(double score, String scoreFormula, boolean mirrored, String mirrorNote, PatternRef pattern,
            String skillId, int skillVersion, List<JointResult> joints, List<PhaseResult> phases, Tempo tempo,
            List<RangeOfMotion> rom, List<Symmetry> symmetry, List<MetricResult> metrics, List<RankedFinding> findings,
            List<LearningStep> learningPath, DataQuality data) {
        this(score, scoreFormula, mirrored, mirrorNote, pattern, skillId, skillVersion, joints, phases, tempo, rom,
                symmetry, metrics, findings, learningPath, data, null, null);
    }

    /**
     * This comparison of the whole take with its repetitions: the score becomes theirs (the median, see
     * {@link RepetitionSet#OVERALL_RULE}) and so does its band; everything else stays the whole take's.
     */
    public Comparison withRepetitions(RepetitionSet set) {
        // a metric the view could not support on the whole take is not shown per repetition either
        java.util.Set<String> withheld = new java.util.HashSet<>();
        (metrics == null ? List.<MetricResult>of() : metrics).stream().filter(m -> m.withheld() != null)
                .forEach(m -> withheld.add(m.id()));
        return new Comparison(set.overallScore(), scoreFormula + " " + RepetitionSet.OVERALL_RULE, mirrored,
                mirrorNote, pattern, skillId, skillVersion, joints, phases, tempo, rom, symmetry, metrics, findings,
                learningPath, data, set.withoutMetrics(withheld), repetitionBand(set), capture, alignment);
    }

    /** This comparison with another alignment (the repetitions' own, when the score is theirs). */
    public Comparison withAlignment(Alignment other) {
        return new Comparison(score, scoreFormula, mirrored, mirrorNote, pattern, skillId, skillVersion, joints, phases,
                tempo, rom, symmetry, metrics, findings, learningPath, data, repetitions, reliability, capture, other);
    }

    /** The band of the set's score from its repetitions' scores; the whole take's when fewer than two scored. */
    private ScoreReliability repetitionBand(RepetitionSet set) {
        List<Double> scores = set.reps().stream().map(RepetitionSet.Rep::score).filter(java.util.Objects::nonNull)
                .toList();
        ScoreReliability band = ScoreParts.ofRepetitions(scores);
        return band == null ? reliability : band;
    }

    /**
     * How far the score moves for the same person doing the same thing (see {@code ScoreParts}).
     *
     * @param semPoints                standard error of the score, points
     * @param bandPoints               the 95 % confidence band: score +/- this
     * @param smallestRealChangePoints MDC95: a change between two takes smaller than this is within the noise
     * @param parts                    how many parts of the take were scored
     * @param partScores               their scores
     * @param basis                    what the spread was measured on
     */
    public record ScoreReliability(double semPoints, double bandPoints, double smallestRealChangePoints, int parts,
            List<Double> partScores, String basis) {
    }

    /** The version of the stored shape (see {@code analysis.ResultCodec}); a row without repetitions is valid. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Which pattern the take was compared with, exactly (the hash identifies its content). */
    public record PatternRef(String id, String skillId, int skillVersion, String contentHash, PatternSource source,
            String expertName, String citation) {
        static PatternRef of(ExpertPattern p) {
            return new PatternRef(p.id(), p.skillId(), p.skillVersion(), p.contentHash(), p.source(),
                    p.expert() == null ? null : p.expert().name(), p.citation());
        }
    }

    /**
     * @param rmsDeg      RMS difference from the pattern along the warping path
     * @param maxDeg      largest absolute difference along the path
     * @param spreadDeg   the pattern's own mean spread for this angle (expert variability), for scale
     */
    public record JointResult(String angle, double weight, Double rmsDeg, Double maxDeg, Double spreadDeg,
            Double score) {
    }

    /**
     * @param patternShare     the phase's share of the pattern's duration
     * @param athleteShare     the share of the take's duration aligned to it
     * @param relativeDuration athleteShare / patternShare: above 1 the athlete spends relatively longer here
     */
    public record PhaseResult(String id, Double rmsDeg, Double score, Double patternShare, Double athleteShare,
            Double relativeDuration) {
    }

    /**
     * @param athleteMs         duration of the take (frames with the person visible), or of its mean cycle
     * @param durationRatio     take (or mean cycle) duration / pattern duration
     * @param timingRmsPercent  RMS distance of the warping path from the diagonal, percent of the movement: 0 when
     *                          the take's timing is the pattern's scaled uniformly
     * @param slopeMin          the warping path's smallest local slope (take time per pattern time) over windows of
     *                          a tenth of the movement: below 1 = that part was rushed relative to the rest
     * @param slopeMax          the largest local slope: above 1 = that part was slow
     */
    public record Tempo(Double athleteMs, Double patternMs, Double durationRatio, Double timingRmsPercent,
            Double slopeMin, Double slopeMax) {
    }

    public record RangeOfMotion(String angle, Double athleteDeg, Double patternDeg, Double ratio) {
    }

    /** Symmetry index of the ranges of motion, |L - R| / ((L + R) / 2) * 100 (Robinson et al. 1987). */
    public record Symmetry(String joint, Double leftRomDeg, Double rightRomDeg, Double symmetryIndexPercent,
            Double patternSymmetryIndexPercent) {
    }

    /**
     * @param withheld why the metric was not measured although the take holds its angles: the camera view did not
     *                 show what it needs (then {@code value} is null and no finding rests on it); absent otherwise
     *                 and in comparisons stored before it existed
     */
    public record MetricResult(String id, String name, String unit, Double value, Double targetMin, Double targetMax,
            Boolean withinTarget, String source, @JsonInclude(JsonInclude.Include.NON_NULL) String withheld) {

        public MetricResult(String id, String name, String unit, Double value, Double targetMin, Double targetMax,
                Boolean withinTarget, String source) {
            this(id, name, unit, value, targetMin, targetMax, withinTarget, source, null);
        }
    }

    /**
     * How the take was filmed, from the athlete's landmarks.
     *
     * @param frames        frames with the athlete and a view
     * @param viewShares    per view key ({@code side-right}, {@code back}, ...) its share of those frames
     * @param dominantView  the most frequent view
     * @param heightShare   the athlete's mean height in the picture, share of its height
     * @param fps           frames per second of the analysis
     * @param outOfFrame    share of the frames with a landmark of the skill's compared angles outside the picture
     * @param lowVisibility share of the frames with such a landmark in view (not behind the body) yet poorly seen
     * @param hiddenAngles  compared angles the view hid (left out of the score)
     * @param advice        what to change next time, only where it mattered; empty when nothing did
     */
    public record CaptureQuality(int frames, java.util.Map<String, Double> viewShares, String dominantView,
            double heightShare, double fps, double outOfFrame, double lowVisibility, List<String> hiddenAngles,
            List<String> advice) {
    }

    /**
     * @param impact severity weight x (1 + relative exceedance of the threshold, capped at 1): the ranking key
     */
    public record RankedFinding(String id, String metric, Double value, String severity, double impact,
            String message, String drill) {
    }

    public record LearningStep(int order, String drill, String name, String description, int level,
            List<String> forFindings) {
    }

    /**
     * @param frames             frames in the take
     * @param usedFrames         frames kept: the angles present carry at least half of the weight
     * @param interpolatedValues angle values bridged by interpolation
     * @param excludedAngles     pattern angles left out: visible in under half of the frames
     * @param cycles             stretches aligned separately: 1, or the cycles found in a cyclic skill's take
     * @param alignedSamples     samples per sequence in the (longest) alignment
     */
    public record DataQuality(int frames, int usedFrames, int droppedFrames, int interpolatedValues,
            List<String> excludedAngles, int cycles, int alignedSamples) {
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }
}
