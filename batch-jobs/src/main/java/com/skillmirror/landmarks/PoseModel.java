package com.skillmirror.landmarks;

/** The three BlazePose GHUM landmark models shipped by MediaPipe, by model complexity. */
public enum PoseModel {
    /** Model complexity 0: fastest, least accurate. */
    LITE("pose_landmark_lite.tflite"),
    /** Model complexity 1: MediaPipe's default. */
    FULL("pose_landmark_full.tflite"),
    /** Model complexity 2: most accurate, about 3x slower than {@link #FULL}. */
    HEAVY("pose_landmark_heavy.tflite");

    private final String fileName;

    PoseModel(String fileName) {
        this.fileName = fileName;
    }

    /** File name of the model inside the npm package and the model cache. */
    public String fileName() {
        return fileName;
    }
}
