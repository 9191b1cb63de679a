package com.skillmirror.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The estimates on a clock of the test's own: rates from work done, priors learned in the run, the throttle. */
class ProgressEtaTest {

    private final UUID upload = UUID.randomUUID();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final AtomicLong now = new AtomicLong(1_000_000);
    /** Two 60 s videos, probed; one partition thread. */
    private final ProgressEta eta = new ProgressEta(id -> List.of(new ProgressEta.Length(first, 60, true),
            new ProgressEta.Length(second, 60, true)), 1, now::get);

    /** A 60 s video's prior for the sub-step, with its fixed cost. */
    private static double prior(String step) {
        return 0.3 + ProgressEta.PRIOR[ProgressEta.STEPS.indexOf(step)] * 60;
    }

    private ProgressEvent step(UUID video, Stage stage, String step, double fraction) {
        return eta.apply(ProgressEvent.step(upload, video, stage, step, fraction, step));
    }

    private void later(long ms) {
        now.addAndGet(ms);
    }

    /** An upload of the first video alone, with two partition threads. */
    private ProgressEta firstVideoOnTwoThreads() {
        return new ProgressEta(id -> List.of(new ProgressEta.Length(first, 60, true)), 2, now::get);
    }

    @Test
    void beforeAnyWorkTheEstimateIsThePriorOfEveryStepForEveryVideo() {
        ProgressEvent started = eta.apply(ProgressEvent.of(ProgressEvent.STARTED, upload, null, null, 0, "started"));
        double perVideo = 0;
        for (double p : ProgressEta.PRIOR) {
            perVideo += 0.3 + p * 60;
        }
        // one thread: both videos' work one after the other, plus the team report
        assertThat((double) started.uploadEtaSeconds()).isCloseTo(2 * perVideo + 1 + 0.01 * 120, within(1.0));
        assertThat(started.etaSeconds()).isEqualTo(started.uploadEtaSeconds());
    }

    @Test
    void aStepUnderWayIsEstimatedFromItsOwnRate() {
        step(first, Stage.DECODE, "proxy", 0);
        later(10_000);
        ProgressEvent half = step(first, Stage.DECODE, "proxy", 0.5);
        ProgressEvent before = eta.apply(ProgressEvent.of(ProgressEvent.STARTED, upload, null, null, 0, "x"));
        later(5_000);
        ProgressEvent threeQuarters = step(first, Stage.DECODE, "proxy", 0.75);
        assertThat(half).isNotNull();
        assertThat(threeQuarters).isNotNull();
        // 10 s for half: 10 s more for this step; at 3/4 after 15 s: 5 s more; the rest of the job is unchanged
        assertThat(half.uploadEtaSeconds() - threeQuarters.uploadEtaSeconds()).isBetween(4L, 6L);
        assertThat(before.uploadEtaSeconds()).isPositive();
    }

    @Test
    void aFinishedStepTeachesThePriorOfTheSameStepOfTheNextVideo() {
        double prior = ProgressEta.PRIOR[ProgressEta.STEPS.indexOf("proxy")];
        step(first, Stage.DECODE, "proxy", 0);
        later(6_300);
        step(first, Stage.DECODE, "proxy", 1);
        // learnt: (6.3 s - 0.3 s fixed) / 60 s of video = 0.1 s per second
        assertThat(eta.secondsPerVideoSecond().get("proxy")).isCloseTo(0.1, within(1e-9)).isNotEqualTo(prior);
        step(second, Stage.DECODE, "probe", 0);
        ProgressEvent next = step(second, Stage.DECODE, "probe", 1);
        ProgressEvent nextProxy = step(second, Stage.DECODE, "proxy", 0);
        // the second video's proxy, not started, was counted at the learnt rate: 0.3 + 0.1 * 60 = 6.3 s
        assertThat(next.uploadEtaSeconds() - nextProxy.uploadEtaSeconds()).isBetween(-1L, 1L);
        assertThat(nextProxy.etaSeconds()).isNotNegative();
    }

    @Test
    void eventsBeyondFourASecondPerVideoAreDroppedButNeverAStepsFirstOrLast() {
        assertThat(step(first, Stage.POSE, "pose/0", 0)).isNotNull();
        later(100);
        assertThat(step(first, Stage.POSE, "pose/0", 0.1)).as("100 ms after the last").isNull();
        later(100);
        assertThat(step(first, Stage.POSE, "pose/900", 0)).as("another segment's start").isNotNull();
        later(100);
        assertThat(step(first, Stage.POSE, "pose/0", 0.2)).as("100 ms after the last").isNull();
        assertThat(step(second, Stage.POSE, "pose/0", 0)).as("another video").isNotNull();
        later(300);
        assertThat(step(first, Stage.POSE, "pose/0", 0.3)).isNotNull();
        later(10);
        assertThat(step(first, Stage.POSE, "pose/0", 1)).as("the step's end").isNotNull();
    }

    @Test
    void segmentsNotStartedYetAreCountedByWhatThePriorLeaves() {
        // one 60 s video, its pose in segments two at a time: the first two fast, the others not seen yet
        ProgressEta single = firstVideoOnTwoThreads();
        double posePrior = 0.3 + ProgressEta.PRIOR[ProgressEta.STEPS.indexOf("pose")] * 60;
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/0", 0, "x"));
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/900", 0, "x"));
        later(2_000);
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/0", 0.5, "x"));
        later(300);
        ProgressEvent e = single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/900", 0.5, "x"));
        // the summary's chain, with the overlay beside it on the other thread; then compare and the report
        double summary = prior("summary") + prior("exports") + prior("keyframes");
        double after = Math.max(summary, (summary + prior("overlay")) / 2) + prior("compare") + prior("report")
                + prior("pdf");
        // the two segments alone would say 2.3 s more; the pose step's prior still leaves (prior - 2.3 s); speech
        // runs beside pose on the other thread, so it adds nothing here
        assertThat((double) e.etaSeconds()).isCloseTo(posePrior - 2.3 + after, within(1.0));
    }

    @Test
    void speechStartingBesideThePoseStepLeavesThePoseAndWhatFollowsInTheEstimate() {
        ProgressEta single = firstVideoOnTwoThreads();
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/0", 0, "x"));
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/900", 0, "x"));
        later(10_000);
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/0", 0.5, "x"));
        later(300);
        ProgressEvent posing = single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/900", 0.5, "x"));
        later(300);
        ProgressEvent speech = single.apply(ProgressEvent.step(upload, first, Stage.SPEECH, "speech", 0, "x"));
        // the speech partition shares the threads with the segments: not a sign that the pose step is over
        assertThat((double) speech.etaSeconds()).isGreaterThanOrEqualTo(posing.etaSeconds() - 1.0);
        assertThat((double) speech.uploadEtaSeconds()).isGreaterThanOrEqualTo(posing.uploadEtaSeconds() - 1.0);
    }

    @Test
    void decodeStepsEndedBeforeTheDurationWasStoredAreLearnedWhenTheLengthsAreReadAgainOutsideTheLock() {
        // the decode stage stores the probed duration only at its end: until then the length is a guess from the size
        java.util.concurrent.atomic.AtomicBoolean stored = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<ProgressEta> self = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.List<Boolean> underLock = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressEta guessing = new ProgressEta(id -> {
            underLock.add(Thread.holdsLock(self.get()));
            return List.of(stored.get() ? new ProgressEta.Length(first, 60, true)
                    : ProgressEta.Length.of(first, null, 8_000_000));
        }, 1, now::get);
        self.set(guessing);
        double prior = ProgressEta.PRIOR[ProgressEta.STEPS.indexOf("proxy")];
        guessing.apply(ProgressEvent.step(upload, first, Stage.DECODE, "proxy", 0, "x"));
        later(6_300);
        guessing.apply(ProgressEvent.step(upload, first, Stage.DECODE, "proxy", 1, "x"));
        assertThat(guessing.secondsPerVideoSecond().get("proxy")).as("not from a guessed length").isEqualTo(prior);
        stored.set(true);
        guessing.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/0", 0, "x"));
        // (6.3 s - 0.3 s fixed) / 60 s of video, once the length is the probed one
        assertThat(guessing.secondsPerVideoSecond().get("proxy")).isCloseTo(0.1, within(1e-9));
        assertThat(underLock).as("read when the upload was first seen and after decoding").containsExactly(false, false);
    }

    @Test
    void oneSegmentUnderWayDoesNotHideTheSegmentsNotStartedYet() {
        // one thread: a long video's first segment runs alone, the others wait for it
        ProgressEta single = new ProgressEta(id -> List.of(new ProgressEta.Length(first, 60, true)), 1, now::get);
        double posePrior = 0.3 + ProgressEta.PRIOR[ProgressEta.STEPS.indexOf("pose")] * 60;
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/0", 0, "x"));
        later(2_000);
        ProgressEvent e = single.apply(ProgressEvent.step(upload, first, Stage.POSE, "pose/0", 0.5, "x"));
        // one thread runs everything after the pose step one after another, speech and the overlay included
        double after = 0;
        for (int i = ProgressEta.STEPS.indexOf("speech"); i < ProgressEta.STEPS.size(); i++) {
            after += 0.3 + ProgressEta.PRIOR[i] * 60;
        }
        // the segment alone would say 2 s more; the pose step's prior still leaves (prior - 2 s)
        assertThat((double) e.etaSeconds()).isCloseTo(posePrior - 2 + after, within(1.0));
    }

    @Test
    void estimatesNeverGoNegativeAndTheUploadsEndIsZero() {
        step(first, Stage.DECODE, "proxy", 0);
        later(1_000);
        // far slower than any prior: the estimate grows, never below zero
        for (int i = 1; i <= 10; i++) {
            later(60_000);
            ProgressEvent e = step(first, Stage.DECODE, "proxy", i / 10.0);
            assertThat(e.etaSeconds()).isNotNegative();
            assertThat(e.uploadEtaSeconds()).isGreaterThanOrEqualTo(e.etaSeconds());
        }
        ProgressEvent failed = eta.apply(ProgressEvent.of(ProgressEvent.ERROR, upload, second, Stage.DECODE, 100, "no"));
        assertThat(failed.etaSeconds()).isNotNegative();
        ProgressEvent done = eta.apply(ProgressEvent.of(ProgressEvent.COMPLETE, upload, null, null, 100, "PARTIAL"));
        assertThat(done.uploadEtaSeconds()).isZero();
        assertThat(done.etaSeconds()).isZero();
    }

    @Test
    void aFailedVideoCountsOnlyForItsReport() {
        ProgressEvent both = step(first, Stage.DECODE, "probe", 0);
        eta.apply(ProgressEvent.of(ProgressEvent.ERROR, upload, second, Stage.DECODE, 100, "not a video"));
        later(1_000);
        ProgressEvent one = step(first, Stage.DECODE, "probe", 1);
        // the second video's decode to compare priors (~0.8 x 60 s) are no longer counted
        assertThat(both.uploadEtaSeconds() - one.uploadEtaSeconds()).isGreaterThan(40);
    }

    @Test
    void anOverlayStillDrawingAfterTheReportsKeepsTheEstimateUntilItEnds() {
        ProgressEta single = firstVideoOnTwoThreads();
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "summary", 0, "x"));
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "overlay", 0, "x"));
        later(10_000);
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "summary", 1, "x"));
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "overlay", 0.1, "x"));
        // the overlay's own rate: 10 s for a tenth, so 90 s more; compare and the reports' priors are ~20 s
        ProgressEvent comparing = single.apply(ProgressEvent.step(upload, first, Stage.COMPARE, "compare", 0, "x"));
        assertThat(comparing.uploadEtaSeconds()).isBetween(85L, 95L);
        assertThat(comparing.etaSeconds()).isBetween(85L, 95L);
        later(30_000);
        single.apply(ProgressEvent.step(upload, first, Stage.REPORT, "pdf", 1, "x"));
        ProgressEvent team = single.apply(ProgressEvent.step(upload, null, Stage.REPORT, ProgressEta.TEAM_REPORT, 1, "x"));
        // 40 s in, still at a tenth by its last report: the team report is done, the overlay is not
        assertThat(team.uploadEtaSeconds()).isGreaterThan(50L);
        later(1_000);
        single.apply(ProgressEvent.step(upload, first, Stage.POSE, "overlay", 1, "x"));
        ProgressEvent done = single.apply(ProgressEvent.step(upload, null, Stage.REPORT, ProgressEta.TEAM_REPORT, 1, "x"));
        assertThat(done.uploadEtaSeconds()).isLessThan(5L);
    }
}
