package com.skillmirror.portal.player;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.Alignment;
import com.skillmirror.compare.CaptureViews;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.compare.FeatureSeries;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.decode.DecodeResult;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.PatternSource;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.RateLimiter;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The comparison player's data (issue 13's contract): the athlete's skeleton per analysed frame, the expert's (from
 * the pattern's own footage, or synthesized from its mean curves), the alignment between them, phases, repetitions,
 * angle curves and findings on the athlete's proxy timeline.
 *
 * <p>The athlete's times come from the comparison's own alignment ({@link Alignment}, recorded by the compare stage);
 * a comparison stored before alignments existed, or one with another expert ({@code expertId}), is compared again
 * here (rate-limited as an on-demand comparison is). The expert video's time for a pattern position comes from
 * comparing the expert's take with its own pattern by the same {@link SkillComparator}; for a cyclic skill a
 * position maps into the expert's first full cycle. That self-alignment is kept in memory per pattern and take.
 */
@Service
class ComparisonViews {

    /** Skeleton entries per second at most: what a browser redraws comfortably, and what a 60 s clip keeps small. */
    static final double MAX_SKELETON_FPS = 30;
    /** Pattern positions of a synthesized skeleton. */
    static final int SYNTHESIZED_STEPS = 101;
    /** The BlazePose landmarks each skeleton entry holds, in order: the nose and the body (no eyes or ears). */
    static final List<Integer> LANDMARKS = landmarks();
    static final int[][] BONES = {{11, 12}, {11, 13}, {13, 15}, {15, 19}, {12, 14}, {14, 16}, {16, 20}, {11, 23},
            {12, 24}, {23, 24}, {23, 25}, {25, 27}, {27, 29}, {29, 31}, {27, 31}, {24, 26}, {26, 28}, {28, 30},
            {30, 32}, {28, 32}};
    /** Expert sides kept (a 60 s take's skeletons are a few MB): a handful of patterns are in use at a time. */
    private static final int MAX_CACHED = 16;

    private final AccessPolicy access;
    private final VideoRepository videos;
    private final StageResults results;
    private final VideoKinematics kinematics;
    private final ExpertPatterns patterns;
    private final ComparisonRepository comparisons;
    private final SkillRegistry skills;
    private final RateLimiter limiter;
    private final Map<String, ExpertSide> expertSides = new ConcurrentHashMap<>();

    ComparisonViews(AccessPolicy access, VideoRepository videos, StageResults results, ExpertPatterns patterns,
            ComparisonRepository comparisons, SkillRegistry skills, RateLimiter limiter) {
        this.access = access;
        this.videos = videos;
        this.results = results;
        this.kinematics = new VideoKinematics(results);
        this.patterns = patterns;
        this.comparisons = comparisons;
        this.skills = skills;
        this.limiter = limiter;
    }

    /** The view is not ready: the analysis has not got that far, or found nothing to compare. Answered with 409. */
    static final class NotReadyException extends RuntimeException {
        NotReadyException(String message) {
            super(message);
        }
    }

    private static List<Integer> landmarks() {
        List<Integer> l = new ArrayList<>(List.of(0));
        for (int i = 11; i <= 32; i++) {
            l.add(i);
        }
        return List.copyOf(l);
    }

    /** The storage key of the athlete's proxy, for whoever may see the video. */
    String athleteProxy(Actor actor, UUID videoId) {
        access.requireVideo(actor, videoId);
        return results.key(videoId, Artifact.PROXY).orElseThrow(() -> new NotFoundException("Video " + videoId
                + " has no analysis proxy yet: its decode stage has not finished. Open the player when the analysis"
                + " is done."));
    }

    /** The storage key of the pattern's expert take proxy (the experts pages are open to every signed-in user). */
    String expertProxy(UUID patternId) {
        UUID take = patterns.takeWithFootage(patternId).orElseThrow(() -> new NotFoundException("Pattern " + patternId
                + " has no expert footage (a published norm, or its takes were deleted): the player draws the"
                + " pattern's skeleton instead."));
        return results.key(take, Artifact.PROXY).orElseThrow(() -> new NotFoundException("The expert's take of"
                + " pattern " + patternId + " has no proxy any more."));
    }

    /**
     * @param base "/api" or "/web": the prefix of the URLs the view names (the caller's own)
     */
    Map<String, Object> view(Actor actor, UUID videoId, UUID expertId, String base) throws IOException {
        access.requireVideo(actor, videoId);
        Video video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        PoseResult pose = results.result(videoId, PoseResult.STAGE_RESULT).orElseThrow(() -> new NotReadyException(
                "The analysis of this video has not finished (no landmarks yet). Wait for it to finish, then open the"
                        + " player again."));
        if (pose.framesWithPerson() == 0) {
            throw new NotReadyException("The pose stage found nobody in this video, so there is nothing to compare."
                    + " Film the athlete whole and well lit, and upload the take again.");
        }
        if (video.skillId() == null) {
            throw new NotReadyException("This video has no skill, so it was not compared with a pattern. Choose its"
                    + " skill and analyse it again.");
        }
        SkillDefinition skill = skills.find(video.skillId()).orElseThrow(() -> new NotReadyException("The video's"
                + " skill " + video.skillId() + " is no longer defined. Choose another skill and analyse it again."));
        PoseSeries series = poseSeries(videoId).orElseThrow(() -> new NotReadyException("The video's landmarks are"
                + " not stored (yet). Wait for the analysis to finish, or analyse it again."));
        Optional<CompareResult> stored = results.result(videoId, CompareResult.STAGE_RESULT);
        int personId = stored.map(CompareResult::personId).orElse(pose.mainPersonId());
        KinematicSeries athlete = kinematics.person(video, personId).orElseThrow(() -> new NotReadyException(
                "The athlete has no angle series in this video. Analyse it again."));

        // which pattern, and the comparison with it (with its alignment)
        HeavyRequest heavy = new HeavyRequest(limiter, actor);
        StoredPattern pattern;
        Comparison comparison;
        Optional<UUID> storedPattern = comparisons.patternId(videoId, personId);
        if (expertId != null) {
            UUID id = patterns.newest(expertId, skill.id()).orElseThrow(() -> new NotFoundException("Expert "
                    + expertId + " has no pattern for " + skill.id() + ". Pick an expert of this skill (GET"
                    + " /api/experts)."));
            pattern = patterns.find(id).orElseThrow();
        } else if (storedPattern.isPresent()) {
            pattern = patterns.find(storedPattern.get()).orElseThrow(() -> new NotReadyException("The pattern this"
                    + " video was compared with is gone. Analyse the video again."));
        } else {
            pattern = patterns.defaultFor(skill.id()).orElseThrow(() -> new NotReadyException("There is no pattern"
                    + " for " + skill.name() + " to compare with. Ingest an expert or a published norm first."));
        }
        boolean sameAsStored = stored.isPresent() && storedPattern.isPresent()
                && storedPattern.get().equals(pattern.id());
        if (sameAsStored && stored.get().comparison().alignment() != null) {
            comparison = stored.get().comparison();
        } else {
            Comparison fresh = compare(heavy, videoId, skill, athlete, pattern.pattern());
            // an older stored comparison keeps its score, findings and repetitions; only its alignment is new
            comparison = sameAsStored ? stored.get().comparison().withAlignment(fresh.alignment()) : fresh;
        }
        Alignment alignment = comparison.alignment();

        // the athlete: skeleton entries at most MAX_SKELETON_FPS a second, on the proxy's timeline
        List<PoseFrame> frames = series.frames();
        List<Map<String, Object>> skeleton = skeleton(series, personId);
        List<Integer> skeletonFrames = skeleton.stream().map(e -> (Integer) e.get("frame")).toList();
        Optional<DecodeResult> decode = results.result(videoId, DecodeResult.STAGE_RESULT);
        Map<String, Object> athleteSide = new LinkedHashMap<>();
        athleteSide.put("videoUrl", base + "/videos/" + videoId + "/player/video");
        athleteSide.put("fps", series.fps());
        // frames are the pose series' (the analysed frames of the proxy): the "frame" of every entry counts in them
        athleteSide.put("frameCount", frames.size());
        athleteSide.put("durationMs", durationMs(series, decode));
        athleteSide.put("width", series.width());
        athleteSide.put("height", series.height());
        athleteSide.put("skeleton", skeleton);

        ExpertPattern p = pattern.pattern();
        ExpertSide expert = expertSide(heavy, pattern, skill);

        // alignment entries: one per athlete skeleton entry inside an aligned span
        List<Map<String, Object>> aligned = new ArrayList<>();
        double[] positionOf = new double[skeletonFrames.size()];
        for (int k = 0; k < skeletonFrames.size(); k++) {
            int frame = skeletonFrames.get(k);
            Alignment.Span span = alignment.spanOf(frame);
            positionOf[k] = span == null ? Double.NaN : span.positionAt(frame);
            if (span == null) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("frame", frame);
            e.put("ms", frames.get(frame).timeMs());
            e.put("position", round(positionOf[k], 4));
            // the expert's time at that position (between its frames while it plays), and the frame shown then
            double expertFrame = expert.frameAt(positionOf[k]);
            Long expertMs = Double.isNaN(expertFrame) ? null : Math.round(expert.msAt(expertFrame));
            e.put("expertMs", expertMs);
            e.put("expertFrame", expertMs == null ? null : frameAt(expertMs, expert.fps()));
            aligned.add(e);
        }

        // curves: the compared angles, most weight first, in the pattern's sides (a mirrored take is mirrored here)
        List<String> angles = comparison.joints().stream().filter(j -> j.rmsDeg() != null)
                .sorted(Comparator.comparingDouble(Comparison.JointResult::weight).reversed())
                .map(Comparison.JointResult::angle).toList();
        FeatureSeries oriented = comparison.mirrored() ? FeatureSeries.of(athlete).mirrored() : FeatureSeries.of(athlete);
        Map<String, List<Double>> athleteCurves = new LinkedHashMap<>();
        Map<String, List<Double>> expertCurves = new LinkedHashMap<>();
        List<Long> curveMs = new ArrayList<>();
        for (int frame : skeletonFrames) {
            curveMs.add(frames.get(frame).timeMs());
        }
        for (String angle : angles) {
            double[] column = oriented.has(angle) ? oriented.column(angle) : new double[0];
            double[] mean = p.features().contains(angle) ? p.curve(angle).mean() : new double[0];
            List<Double> a = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int k = 0; k < skeletonFrames.size(); k++) {
                int frame = skeletonFrames.get(k);
                a.add(frame < column.length ? round(column[frame], 1) : null);
                e.add(Double.isNaN(positionOf[k]) || mean.length == 0 ? null
                        : round(PatternSkeleton.meanAt(mean, positionOf[k]), 1));
            }
            athleteCurves.put(angle, a);
            expertCurves.put(angle, e);
        }
        Map<String, Object> curves = new LinkedHashMap<>();
        curves.put("angles", angles);
        curves.put("ms", curveMs);
        curves.put("athlete", athleteCurves);
        curves.put("expert", expertCurves);

        // phases on the proxy's timeline, in time order
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Alignment.PhaseSpan ph : alignment.phases()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", ph.id());
            e.put("name", humanise(ph.id()));
            e.put("fromMs", msOf(frames, ph.fromFrame()));
            e.put("toMs", msOf(frames, ph.toFrame()));
            e.put("score", comparison.phases().stream().filter(r -> r.id().equals(ph.id())).findFirst()
                    .map(Comparison.PhaseResult::score).orElse(null));
            phases.add(e);
        }
        phases.sort(Comparator.comparingLong((Map<String, Object> m) -> (Long) m.get("fromMs"))
                .thenComparingLong(m -> (Long) m.get("toMs")));

        List<Map<String, Object>> repetitions = new ArrayList<>();
        if (comparison.repetitions() != null) {
            for (var rep : comparison.repetitions().reps()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("number", rep.number());
                e.put("fromMs", rep.fromMs()); // the pose series' own times: the proxy's timeline
                e.put("toMs", rep.toMs());
                e.put("score", rep.score());
                repetitions.add(e);
            }
        }

        List<Map<String, Object>> findings = new ArrayList<>();
        for (Comparison.RankedFinding f : comparison.findings()) {
            findings.add(finding(f, skill, phases, curveMs, athleteCurves, expertCurves, angles,
                    (Long) athleteSide.get("durationMs")));
        }

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("videoId", videoId);
        view.put("skillId", skill.id());
        view.put("skillName", skill.name());
        view.put("score", comparison.score());
        view.put("mirrored", comparison.mirrored());
        view.put("landmarks", LANDMARKS);
        view.put("bones", BONES);
        view.put("athlete", athleteSide);
        view.put("expert", expert.json(base));
        view.put("alignment", aligned);
        view.put("phases", phases);
        view.put("repetitions", repetitions);
        view.put("curves", curves);
        view.put("findings", findings);
        view.put("notesUrl", base + "/videos/" + videoId + "/notes");
        return view;
    }

    /** The video compared as the compare stage compares it (a set repetition by repetition), without speech. */
    private Comparison compare(HeavyRequest heavy, UUID videoId, SkillDefinition skill, KinematicSeries athlete,
            ExpertPattern pattern) throws IOException {
        heavy.take(); // reads the whole series and runs DTW: seconds of CPU
        try {
            // as the compare stage does: what the camera view hides is withheld, not measured
            return new SkillComparator(skill).compareTake(athlete, pattern, Map.of(),
                    CaptureViews.stored(results, videoId, athlete).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new NotReadyException("This take cannot be compared with the pattern: " + e.getMessage());
        }
    }

    /**
     * Where a finding shows most: the largest deviation from the pattern of the angles its metric rests on; for a
     * metric without angles (tempo, cadence), the middle of its phase, else of the take's largest overall deviation.
     */
    static Map<String, Object> finding(Comparison.RankedFinding f, SkillDefinition skill,
            List<Map<String, Object>> phases, List<Long> ms, Map<String, List<Double>> athlete,
            Map<String, List<Double>> expert, List<String> compared, long durationMs) {
        SkillDefinition.Metric metric = skill.metrics().stream().filter(m -> m.id().equals(f.metric())).findFirst()
                .orElse(null);
        List<String> signal = metric == null ? List.of() : metric.signal().stream().filter(athlete::containsKey).toList();
        Long at = null;
        String why = null;
        int best = largestDeviation(signal, ms, athlete, expert);
        if (best >= 0) {
            at = ms.get(best);
            why = "largest " + String.join(" / ", signal) + " deviation from the pattern";
        } else if (metric != null && metric.phase() != null) {
            for (Map<String, Object> ph : phases) {
                if (metric.phase().equals(ph.get("id"))) {
                    at = ((Long) ph.get("fromMs") + (Long) ph.get("toMs")) / 2;
                    why = "middle of the " + ph.get("name") + " phase, where " + metric.name() + " is measured";
                    break;
                }
            }
        }
        if (at == null) {
            best = largestDeviation(compared, ms, athlete, expert);
            if (best >= 0) {
                at = ms.get(best);
                why = "largest deviation of the compared angles from the pattern (" + (metric == null ? f.metric()
                        : metric.name()) + " is measured over the whole take)";
            } else {
                at = durationMs / 2;
                why = "middle of the take: no aligned angles to point at";
            }
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", f.id());
        e.put("severity", f.severity());
        e.put("message", f.message());
        e.put("drill", f.drill());
        e.put("ms", at);
        e.put("why", why);
        return e;
    }

    /** The index of the sample where the angles differ most from the pattern (summed; the earliest on a tie), or -1. */
    private static int largestDeviation(List<String> angles, List<Long> ms, Map<String, List<Double>> athlete,
            Map<String, List<Double>> expert) {
        int best = -1;
        double most = -1;
        for (int k = 0; k < ms.size(); k++) {
            double sum = 0;
            int n = 0;
            for (String a : angles) {
                Double x = athlete.get(a).get(k);
                Double y = expert.get(a).get(k);
                if (x != null && y != null) {
                    sum += Math.abs(x - y);
                    n++;
                }
            }
            if (n > 0 && sum > most) {
                most = sum;
                best = k;
            }
        }
        return best;
    }

    private ExpertSide expertSide(HeavyRequest heavy, StoredPattern pattern, SkillDefinition skill)
            throws IOException {
        Optional<UUID> take = pattern.pattern().source() == PatternSource.VIDEO
                ? patterns.takeWithFootage(pattern.id()) : Optional.empty();
        if (take.isPresent()) {
            String key = pattern.id() + "/" + take.get();
            ExpertSide cached = expertSides.get(key);
            if (cached != null) {
                return cached;
            }
            Optional<ExpertSide> side = footage(heavy, pattern, take.get(), skill);
            if (side.isPresent()) {
                if (expertSides.size() > MAX_CACHED) {
                    expertSides.clear();
                }
                expertSides.put(key, side.get());
                return side.get();
            }
        }
        return synthesized(pattern);
    }

    /** The expert's take aligned to its own pattern; empty when the take cannot be (then the skeleton is drawn). */
    private Optional<ExpertSide> footage(HeavyRequest heavy, StoredPattern pattern, UUID takeId,
            SkillDefinition skill) throws IOException {
        Video take = videos.find(takeId).orElse(null);
        Optional<PoseResult> pose = results.result(takeId, PoseResult.STAGE_RESULT);
        Optional<PoseSeries> series = poseSeries(takeId);
        if (take == null || pose.isEmpty() || series.isEmpty()) {
            return Optional.empty();
        }
        int person = pose.get().mainPersonId();
        Optional<KinematicSeries> k = kinematics.person(take, person);
        if (k.isEmpty()) {
            return Optional.empty();
        }
        heavy.take();
        Comparison self;
        try {
            self = new SkillComparator(skill).compare(k.get(), pattern.pattern(), Map.of(), null);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (self.alignment() == null || self.alignment().spans().isEmpty()) {
            return Optional.empty();
        }
        PoseSeries s = series.get();
        List<PoseFrame> frames = s.frames();
        List<Map<String, Object>> skeleton = skeleton(s, person);
        // a cyclic skill's positions map into the first full cycle; a whole-take skill has one span
        Alignment.Span span = self.alignment().spans().get(0);
        long[] times = new long[frames.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = frames.get(i).timeMs();
        }
        List<Map<String, Object>> positions = new ArrayList<>();
        for (int k2 = 0; k2 < span.frames().length; k2++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("ms", times[Math.min(times.length - 1, span.frames()[k2])]);
            e.put("position", round(span.positions()[k2], 4));
            positions.add(e);
        }
        Optional<DecodeResult> decode = results.result(takeId, DecodeResult.STAGE_RESULT);
        return Optional.of(new ExpertSide(pattern, false, span, times, s.fps(), s.width(), s.height(),
                durationMs(s, decode), skeleton, positions));
    }

    private static ExpertSide synthesized(StoredPattern pattern) {
        PatternSkeleton drawn = new PatternSkeleton(pattern.pattern());
        List<Map<String, Object>> skeleton = new ArrayList<>();
        for (int k = 0; k < SYNTHESIZED_STEPS; k++) {
            double position = k / (SYNTHESIZED_STEPS - 1.0);
            Map<Integer, double[]> at = drawn.at(position);
            List<Double> pts = new ArrayList<>();
            for (int index : LANDMARKS) {
                double[] xy = at.get(index);
                boolean inside = xy[0] >= 0 && xy[0] <= 1 && xy[1] >= 0 && xy[1] <= 1;
                pts.add(round(clamp(xy[0]), 3));
                pts.add(round(clamp(xy[1]), 3));
                pts.add(inside ? 1.0 : 0.0);
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("position", round(position, 4));
            e.put("points", pts);
            skeleton.add(e);
        }
        return new ExpertSide(pattern, true, null, null, null, null, null,
                Math.round(pattern.pattern().durationMs()), skeleton, List.of());
    }

    /** The expert's side of the view and its position -> time map. */
    private record ExpertSide(StoredPattern pattern, boolean synthesized, Alignment.Span span, long[] times,
            Double fps, Integer width, Integer height, long durationMs, List<Map<String, Object>> skeleton,
            List<Map<String, Object>> positions) {

        /** The expert take's (fractional) frame at a pattern position; NaN when synthesized or outside. */
        double frameAt(double position) {
            if (synthesized || Double.isNaN(position)) {
                return Double.NaN;
            }
            double f = span.frameAt(position);
            return f < 0 ? span.frames()[span.frames().length - 1] : f;
        }

        double msAt(double frame) {
            int lo = (int) Math.floor(frame);
            int hi = Math.min(times.length - 1, lo + 1);
            lo = Math.min(times.length - 1, Math.max(0, lo));
            return times[lo] + (frame - Math.floor(frame)) * (times[hi] - times[lo]);
        }

        Map<String, Object> json(String base) {
            ExpertPattern p = pattern.pattern();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.expert() != null ? p.expert().name()
                    : p.citation() != null ? "Published norm: " + p.citation() : "Published norm");
            e.put("patternId", pattern.id());
            e.put("source", p.source() == PatternSource.PUBLISHED_NORM ? "PUBLISHED_NORM" : "VIDEO");
            e.put("synthesized", synthesized);
            e.put("videoUrl", synthesized ? null : base + "/patterns/" + pattern.id() + "/player/video");
            e.put("fps", fps);
            e.put("width", width);
            e.put("height", height);
            e.put("durationMs", durationMs);
            e.put("skeleton", skeleton);
            e.put("positions", positions);
            return e;
        }
    }

    /**
     * The frame shown at a time on a take's clock: frame k is shown from k * 1000 / fps on. A frame's time in the
     * view is that start rounded to the millisecond (the pose series' times), so half a millisecond is added before
     * flooring: every frame's own time maps back to it, whichever way it was rounded. player.js maps times the same
     * way (frameOf) and seeks to the middle of a frame, which this maps back to the frame too.
     */
    static int frameAt(double ms, double fps) {
        return (int) Math.floor((ms + 0.5) * fps / 1000);
    }

    /** One person's skeleton entries ({@code frame}, {@code ms}, {@code points}), at most MAX_SKELETON_FPS a second. */
    private static List<Map<String, Object>> skeleton(PoseSeries series, int personId) {
        List<PoseFrame> frames = series.frames();
        int stride = Math.max(1, (int) Math.ceil(series.fps() / MAX_SKELETON_FPS - 1e-9));
        List<Map<String, Object>> skeleton = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += stride) {
            PersonPose p = frames.get(i).person(personId);
            if (p != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("frame", i);
                e.put("ms", frames.get(i).timeMs());
                e.put("points", points(p));
                skeleton.add(e);
            }
        }
        return skeleton;
    }

    /**
     * The CPU-heavy work one view may need (comparing the take again, aligning the expert's take with its pattern)
     * counts once against the caller's rate limit, however much of it this view needs.
     */
    private static final class HeavyRequest {
        private final RateLimiter limiter;
        private final Actor actor;
        private boolean taken;

        HeavyRequest(RateLimiter limiter, Actor actor) {
            this.limiter = limiter;
            this.actor = actor;
        }

        void take() {
            if (!taken) {
                limiter.heavy(actor);
                taken = true;
            }
        }
    }

    private Optional<PoseSeries> poseSeries(UUID videoId) throws IOException {
        Optional<byte[]> bytes = results.load(videoId, Artifact.POSE_SERIES);
        return bytes.isEmpty() ? Optional.empty()
                : Optional.of(PoseSeries.read(new ByteArrayInputStream(bytes.get())));
    }

    /** x, y, visibility per {@link #LANDMARKS}; a landmark outside the picture is clamped to its edge, visibility 0. */
    private static List<Double> points(PersonPose p) {
        List<Double> out = new ArrayList<>(LANDMARKS.size() * 3);
        for (int index : LANDMARKS) {
            Landmark l = p.landmarks().get(index);
            boolean inside = l.x() >= 0 && l.x() <= 1 && l.y() >= 0 && l.y() <= 1;
            out.add(round(clamp(l.x()), 3));
            out.add(round(clamp(l.y()), 3));
            out.add(inside ? round(clamp(l.visibility()), 3) : 0.0);
        }
        return out;
    }

    private static long durationMs(PoseSeries s, Optional<DecodeResult> decode) {
        if (decode.isPresent() && decode.get().proxy() != null && decode.get().proxy().fps() > 0) {
            return Math.round(decode.get().proxy().frames() * 1000.0 / decode.get().proxy().fps());
        }
        List<PoseFrame> f = s.frames();
        return f.isEmpty() ? 0 : f.get(f.size() - 1).timeMs() + Math.round(1000.0 / s.fps());
    }

    private static long msOf(List<PoseFrame> frames, int frame) {
        return frames.get(Math.max(0, Math.min(frames.size() - 1, frame))).timeMs();
    }

    private static String humanise(String id) {
        String s = id.replace('_', ' ').replace('-', ' ');
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static double clamp(double v) {
        return v != v ? 0 : Math.max(0, Math.min(1, v));
    }

    private static Double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
