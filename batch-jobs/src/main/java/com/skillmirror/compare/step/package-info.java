/**
 * Stage 4, compare: per video tagged with a skill.
 * <p>Reads: the pose result (who the athlete is) and every person's kinematics ({@code pose/kinematics.bin}), the
 * landmark series (each person's camera view and landmark reliability per frame,
 * {@link com.skillmirror.compare.CaptureViews}: metrics the view cannot support are withheld with their reason), the
 * speech result when the skill uses speech, the skill's definition and its default expert pattern.
 * <p>Writes: one {@code comparison} row per person compared (the main athlete first, through
 * {@link com.skillmirror.compare.ComparisonRepository}), and {@code stage_result} compare
 * ({@link com.skillmirror.compare.CompareResult}) holding the main athlete's comparison (score, per joint/phase
 * deviations, tempo, range of motion, symmetry, findings, learning path; for a set of several repetitions each one's
 * score, best, worst, consistency and trend, the score being their median: {@link com.skillmirror.compare.Repetitions})
 * plus the other people's scores in team clips.
 */
package com.skillmirror.compare.step;
