/**
 * Stage 2, pose: a chunk-oriented step per video segment, then a per-upload summary.
 * <p>Reads: the analysis proxy ({@code proxy.mp4}) written by decode; the segment's frame range from the partition.
 * <p>Writes: landmark series chunks ({@code pose/chunks/<first frame>.bin}, {@link com.skillmirror.landmarks.PoseSeries}
 * format), one object per committed chunk, keyed by its first frame so a re-run chunk replaces itself (each frame is
 * stored exactly once); frames done/total in the step execution context. The summary step joins the chunks into
 * {@code pose/series.bin}, computes every tracked person's kinematics once ({@code pose/kinematics.bin}, read by
 * compare and report), writes the exports, records who was found ({@code stage_result} pose,
 * {@link com.skillmirror.pose.PoseResult}) and fails a video in which nobody was found with "no athlete detected".
 */
package com.skillmirror.pose.step;
