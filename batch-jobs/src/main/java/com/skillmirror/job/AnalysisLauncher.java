package com.skillmirror.job;

import com.skillmirror.analysis.VideoPartitioner;
import java.util.UUID;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/** Starts the analysis job for an upload: synchronously (CLI) or in the background (portal). */
@Service
public class AnalysisLauncher implements org.springframework.beans.factory.DisposableBean {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnalysisLauncher.class);
    private static final int START_ATTEMPTS = 3;

    private final JobOperator jobOperator;
    private final Job analysisJob;
    private final ThreadPoolTaskExecutor background;

    public AnalysisLauncher(JobOperator jobOperator, @Qualifier("analysisJob") Job analysisJob) {
        this.jobOperator = jobOperator;
        this.analysisJob = analysisJob;
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(4);
        executor.setThreadNamePrefix("analysis-job-");
        executor.initialize();
        this.background = executor;
    }

    /** Lets a closing application (a CLI command, a test) exit instead of waiting on idle job threads. */
    @Override
    public void destroy() {
        background.shutdown();
    }

    public JobExecution run(UUID uploadId) throws Exception {
        return jobOperator.start(analysisJob, parameters(uploadId));
    }

    public void runInBackground(UUID uploadId) {
        background.execute(() -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    run(uploadId);
                    return;
                } catch (TransientDataAccessException e) {
                    // a start racing other starts on the job repository: try again shortly, a bounded number of times
                    if (attempt == START_ATTEMPTS || !pause(attempt)) {
                        LOG.error("Analysis job for upload {} could not start after {} attempts", uploadId, attempt, e);
                        return;
                    }
                } catch (Exception e) {
                    LOG.error("Analysis job for upload {} could not start", uploadId, e);
                    return;
                }
            }
        });
    }

    private static boolean pause(int attempt) {
        try {
            Thread.sleep(500L * attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Restarts a failed or stopped job from where it stopped (completed partitions are not run again). */
    public long restart(long jobExecutionId) throws Exception {
        return jobOperator.restart(jobExecutionId);
    }

    static JobParameters parameters(UUID uploadId) {
        return new JobParametersBuilder().addString(VideoPartitioner.UPLOAD_ID, uploadId.toString()).toJobParameters();
    }
}
