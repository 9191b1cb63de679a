/**
 * Stage 5, report: one partition per video of the upload, failed ones included.
 * <p>Reads: the video's results (every stage, with its errors), key frames, the landmark series (angle charts), the
 * compared pattern's mean curves and the athlete's earlier analyses of the skill ("since last time").
 * <p>Writes: {@code report.html} and {@code report.pdf} (same template) beside the video's other outputs, and
 * {@code stage_result} report. A report whose rendering fails says so there; it never fails the job. Then the team
 * step writes the upload's {@code team-report.html} and {@code team-report.pdf}.
 */
package com.skillmirror.report.step;
