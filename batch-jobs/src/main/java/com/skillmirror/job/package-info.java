/**
 * The analysis job: one upload = one job instance; each stage a step partitioned per video.
 * <p>{@link com.skillmirror.job.AnalysisJobConfiguration} assembles the job from manager steps made by a
 * {@link com.skillmirror.job.StagePartitioning}: in-process threads by default ({@link com.skillmirror.job.LocalPartitioning}),
 * or RabbitMQ remote partitioning when {@code skillmirror.distributed=true} ({@link com.skillmirror.job.remote}).
 */
package com.skillmirror.job;
