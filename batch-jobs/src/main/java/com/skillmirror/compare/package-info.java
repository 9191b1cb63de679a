/**
 * Comparison of a person's movement with a skill's expert pattern.
 *
 * <ul>
 * <li>{@link com.skillmirror.compare.FeatureSeries}: named angle curves of one take (from a
 * {@code KinematicSeries}).</li>
 * <li>{@link com.skillmirror.compare.PatternBuilder}: takes of an expert, or a skill file's published-norm key
 * positions, to an {@link com.skillmirror.expert.ExpertPattern} (DTW Barycenter Averaging, handedness
 * normalised, SHA-256 content hash, JSON).</li>
 * <li>{@link com.skillmirror.compare.SkillComparator}: a take against a pattern to a
 * {@link com.skillmirror.compare.Comparison} (derivative DTW in a Sakoe-Chiba band, mirror-invariant, per
 * joint/phase deviation, tempo, range of motion, symmetry, metrics, ranked findings, learning path, JSON).</li>
 * <li>{@link com.skillmirror.compare.Findings}: the skill's finding rules on metric values alone (speech-only
 * skills).</li>
 * </ul>
 */
package com.skillmirror.compare;
