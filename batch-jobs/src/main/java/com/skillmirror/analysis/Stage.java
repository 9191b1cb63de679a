package com.skillmirror.analysis;

/** The analysis stages, in job order. Each is a partitioned step named after it (names in {@link StepNames}). */
public enum Stage {
    DECODE(StepNames.DECODE, StepNames.DECODE_WORKER),
    POSE(StepNames.POSE, StepNames.POSE_WORKER),
    SPEECH(StepNames.SPEECH, StepNames.SPEECH_WORKER),
    COMPARE(StepNames.COMPARE, StepNames.COMPARE_WORKER),
    REPORT(StepNames.REPORT, StepNames.REPORT_WORKER);

    private final String stepName;
    private final String workerStepName;

    Stage(String stepName, String workerStepName) {
        this.stepName = stepName;
        this.workerStepName = workerStepName;
    }

    /** The manager step's name, also the stage's key in stored results and progress events. */
    public String stepName() {
        return stepName;
    }

    public String workerStepName() {
        return workerStepName;
    }
}
