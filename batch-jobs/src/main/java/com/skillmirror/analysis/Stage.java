package com.skillmirror.analysis;

/** The analysis stages, in job order. Each is a partitioned step named after it. */
public enum Stage {
    DECODE, POSE, SPEECH, COMPARE, REPORT;

    public String stepName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String workerStepName() {
        return stepName() + "Worker";
    }
}
