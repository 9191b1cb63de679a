/**
 * The contract every stage works to, below the stages themselves (core: no stage is named here).
 * <ul>
 * <li>{@link com.skillmirror.analysis.Stage}: the stages in job order (decode, pose, speech, compare, report); a stage
 * reads only the results of stages before it. Their step names, the keys of stored results and progress events, are
 * in {@link com.skillmirror.analysis.StepNames}.</li>
 * <li>{@link com.skillmirror.analysis.StageResults}: how stages hand each other their results, one typed
 * {@link com.skillmirror.analysis.StageResult} per stage stored through
 * {@link com.skillmirror.analysis.ResultCodec}, and their artifacts, named by {@code storage.Artifact}; a stage
 * that did not complete records why ({@link com.skillmirror.analysis.StageOutcome}).
 * {@link com.skillmirror.analysis.AnalysisResults} reads them back for an upload and its videos.</li>
 * <li>{@link com.skillmirror.analysis.VideoPartitioner}: one partition per video, so each stage runs per video
 * in-process or on remote workers alike.</li>
 * <li>{@link com.skillmirror.analysis.ProgressEvent}s, published through a
 * {@link com.skillmirror.analysis.ProgressPublisher} (Spring events in-process, RabbitMQ from remote workers).</li>
 * </ul>
 */
package com.skillmirror.analysis;
