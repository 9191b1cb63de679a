package com.skillmirror.cli;

import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.FeatureSeries;
import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.kinematics.Angle;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * `skillmirror bench compare [RUNS]`: times one comparison of a 60 s take (1800 frames at 30 fps, every kinematics angle of a running model with
 * noise) against a pattern built from another 60 s take: the whole {@link SkillComparator#compare} (gap handling,
 * both orientations aligned, metrics, findings). Twice: for the cyclic running-gait skill (cut into strides) and
 * for a whole-take skill (presentation: one 1800-sample alignment, the worst case). Target: at most 200 ms.
 */
final class CompareBenchmark {

    private CompareBenchmark() {
    }

    static int run(String[] args, PrintStream out) {
        if (args.length > 1) {
            throw new Cli.UsageException("bench compare takes at most a number of runs");
        }
        int runs = args.length > 0 ? (int) PoseCommand.positive(args[0], "RUNS") : 20;
        SkillCatalog catalog = SkillCatalog.load();
        // cyclic skill: the take is cut into strides, each aligned with the one-stride pattern
        time(catalog.get("running-gait"), runs, out);
        // whole-take skill: one alignment of 1800 samples (the worst case for DTW), e.g. a 60 s presentation
        time(catalog.get("presentation"), runs, out);
        return 0;
    }

    private static void time(SkillDefinition gait, int runs, PrintStream out) {
        FeatureSeries expert = running(60, 30, 176, 0, 1);
        FeatureSeries athlete = running(60, 30, 164, 3, 2);
        long t0 = System.nanoTime();
        ExpertPattern pattern = new PatternBuilder(gait).build(List.of(expert),
                new ExpertProfile("Running model (benchmark data, no person)", null, "generated", "benchmark data"));
        double buildMs = (System.nanoTime() - t0) / 1e6;
        SkillComparator comparator = new SkillComparator(gait);
        for (int i = 0; i < 5; i++) {
            comparator.compare(athlete, pattern); // warm-up (JIT)
        }
        double[] ms = new double[runs];
        Comparison last = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = comparator.compare(athlete, pattern);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "%s: pattern build (1 take, 1800 frames -> %d samples): %.0f ms%n",
                gait.id(), pattern.samples(), buildMs);
        out.printf(Locale.ROOT,
                "%s: compare 1800 frames x %d angles vs pattern (%d alignment(s), longest %d samples, band %.0f%%):"
                        + " median %.1f ms, p90 %.1f ms, min %.1f ms over %d runs; score %.1f%n",
                gait.id(), athlete.width(), last.data().cycles(), last.data().alignedSamples(),
                SkillComparator.Options.defaults().bandFraction() * 100, ms[runs / 2], ms[(int) (runs * 0.9)], ms[0],
                runs, last.score());
    }

    /** Every angle name of a running model: knees and hips cycling per stride, the legs half a stride apart. */
    private static FeatureSeries running(double seconds, double fps, double stepsPerMinute, double noiseDeg, long seed) {
        Random random = new Random(seed);
        double strideHz = stepsPerMinute / 120;
        int n = (int) Math.round(seconds * fps);
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (Angle a : Angle.values()) {
            cols.put(a.key(), new double[n]);
        }
        for (int i = 0; i < n; i++) {
            double phase = 2 * Math.PI * strideHz * i / fps;
            for (String side : new String[] {"left", "right"}) {
                double ph = side.equals("left") ? phase : phase + Math.PI;
                cols.get(side + "_knee_angle")[i] = 130 + 40 * Math.cos(ph);
                cols.get(side + "_hip_angle")[i] = 160 + 15 * Math.sin(ph);
                cols.get(side + "_ankle_angle")[i] = 100 + 15 * Math.sin(ph + 0.5);
                cols.get(side + "_elbow_angle")[i] = 90 + 10 * Math.sin(ph + Math.PI);
                cols.get(side + "_shoulder_angle")[i] = 30 + 25 * Math.sin(ph + Math.PI);
                cols.get(side + "_thigh_orientation")[i] = 20 * Math.sin(ph);
                cols.get(side + "_shank_orientation")[i] = 30 * Math.sin(ph - 0.8);
                cols.get(side + "_upper_arm_orientation")[i] = 25 * Math.sin(ph + Math.PI);
                cols.get(side + "_forearm_orientation")[i] = 40 + 20 * Math.sin(ph + Math.PI);
            }
            cols.get("trunk_lean")[i] = 8 + Math.sin(2 * phase);
            cols.get("pelvis_tilt")[i] = 3 * Math.sin(phase);
            cols.get("shoulder_tilt")[i] = 4 * Math.sin(phase + Math.PI);
            cols.get("head_tilt")[i] = 0;
            cols.get("head_direction")[i] = 90;
        }
        for (double[] c : cols.values()) {
            for (int i = 0; i < n; i++) {
                c[i] += noiseDeg * random.nextGaussian();
            }
        }
        return FeatureSeries.ofColumns(fps, cols);
    }
}
