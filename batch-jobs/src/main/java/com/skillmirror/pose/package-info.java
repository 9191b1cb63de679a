/**
 * The pose engine: MediaPipe BlazePose (detector and landmark models) on a TFLite runtime, with MediaPipe's
 * region-of-interest tracking and landmark smoothing, producing {@link com.skillmirror.landmarks.PoseSeries}.
 * {@code export/} writes the landmarks in exchange formats, {@code overlay/} draws them, {@code step/} runs the
 * engine as the job's pose stage.
 */
package com.skillmirror.pose;
