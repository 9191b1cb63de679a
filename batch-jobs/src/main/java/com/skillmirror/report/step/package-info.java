/**
 * Stage 5, report: one partition per video of the upload, failed ones included.
 * <p>Reads: the video's results (every stage's typed result, or why it has none: {@link
 * com.skillmirror.report.VideoResults}), key frames, the athlete's kinematics ({@code pose/kinematics.bin}, angle
 * charts), the compared pattern ({@code comparison.pattern_id}) with its mean curves and expert key frames, and the
 * athlete's earlier analyses of the skill ("since last time"); for a set of repetitions, the proxy video and the
 * landmark series ({@code pose/series.bin}), to draw the best and the worst repetition at their key moments; the
 * coach's notes ({@code coach_note}) with their annotated frames ({@code notes/<id>.jpg}). The work is the report
 * engine's ({@link com.skillmirror.report.VideoReports}), which the portal also calls when a note is added or removed.
 * <p>Writes: {@code report.html} and {@code report.pdf} (same template) beside the video's other outputs, and
 * {@code stage_result} report ({@link com.skillmirror.report.ReportResult}). A report whose rendering fails says so
 * there; it never fails the job. Then the team step writes the upload's {@code team-report.html} and
 * {@code team-report.pdf}.
 */
package com.skillmirror.report.step;
