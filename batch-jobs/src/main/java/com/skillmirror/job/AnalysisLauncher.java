package com.skillmirror.job;

import com.skillmirror.analysis.VideoPartitioner;
import java.util.UUID;
import com.skillmirror.upload.VideoRepository;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts the analysis job for an upload: synchronously (CLI) or in the background (portal). A job that ends failed
 * only because PostgreSQL, RabbitMQ or the storage was away is restarted here once they answer again (a bounded
 * number of times, {@link JobRecovery}); {@link #resume} continues a failed one, or one whose manager died.
 */
@Service
public class AnalysisLauncher implements org.springframework.beans.factory.DisposableBean {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnalysisLauncher.class);
    private static final int START_ATTEMPTS = 3;

    private final JobOperator jobOperator;
    private final Job analysisJob;
    private final ThreadPoolTaskExecutor background;
    private final JobRecovery recovery;
    private final JobRepository jobRepository;
    private final VideoRepository videos;

    public AnalysisLauncher(JobOperator jobOperator, @Qualifier("analysisJob") Job analysisJob, JobRecovery recovery,
                            JobRepository jobRepository, VideoRepository videos) {
        this.jobOperator = jobOperator;
        this.analysisJob = analysisJob;
        this.recovery = recovery;
        this.jobRepository = jobRepository;
        this.videos = videos;
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
        JobExecution started;
        try {
            started = jobOperator.start(analysisJob, parameters(uploadId));
        } catch (Exception e) {
            // thrown after the job ran, when the database was away as it ended: ridden out like any transient failure
            started = recovery.endedFatally(uploadId, e).orElseThrow(() -> e);
        }
        try {
            return ridingOut(uploadId, started);
        } finally {
            recovery.forget(uploadId);
        }
    }

    /** Restarts the execution as long as it fails only on services away and its attempts last. */
    private JobExecution ridingOut(UUID uploadId, JobExecution execution) {
        while (true) {
            JobRecovery.Decision decision = recovery.decisionFor(execution.getId()).orElse(null);
            if (decision == null || !decision.retry()) {
                return execution;
            }
            if (!recovery.awaitServices(uploadId, execution.getId())) {
                giveUp(uploadId, execution, decision);
                return execution;
            }
            try {
                execution = restartNow(execution.getId());
            } catch (Exception e) {
                if (superseded(uploadId, execution)) {
                    // resumed meanwhile (a Resume, the CLI, another replica): that run ends the upload, not this one
                    LOG.info("Analysis job for upload {} was resumed elsewhere while it waited for the services", uploadId);
                    return execution;
                }
                LOG.error("Analysis job for upload {} could not be restarted", uploadId, e);
                giveUp(uploadId, execution, decision);
                return execution;
            }
        }
    }

    private boolean superseded(UUID uploadId, JobExecution execution) {
        try {
            return videos.jobExecutionId(uploadId).map(latest -> latest.longValue() != execution.getId()).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The services stayed away: the upload ends failed, saying how to resume, once the database takes it. */
    private void giveUp(UUID uploadId, JobExecution execution, JobRecovery.Decision decision) {
        recovery.giveUp(execution.getId(), UploadJobListener.resumeMessage(
                decision.reason() + " It did not answer again in time.", uploadId));
    }

    private JobExecution restartNow(long jobExecutionId) throws Exception {
        JobExecution stored = jobRepository.getJobExecution(jobExecutionId);
        // steps the repository could not end while the database was away (left STARTED or UNKNOWN, which a restart
        // refuses), and partitions a worker may still run: failed, so the restart resumes each at its last commit
        recovery.markFailed(stored, "interrupted: a service was unreachable");
        return jobOperator.restart(stored);
    }

    /** What a resume did. */
    public enum Resumed {
        /** the job was started or restarted */
        RESUMED,
        /** the job completed already: nothing to resume */
        COMPLETED,
        /** the job is running (here, or elsewhere with recent activity) */
        RUNNING,
        /** the upload's job never started and cannot be started here */
        NOTHING
    }

    /**
     * Continues the upload's analysis where it stopped: a failed job is restarted (completed partitions kept, a
     * partition resuming at its last committed chunk); one left running by a manager that died (nothing of it
     * updated for skillmirror.recovery.stale-after, not running in this process) is first marked failed, then
     * restarted; an upload whose job never started is started.
     *
     * @param wait run it on this thread (the CLI) or in the background (the portal)
     */
    public Resumed resume(UUID uploadId, boolean wait) throws Exception {
        Long id = videos.jobExecutionId(uploadId).orElse(null);
        if (id == null) {
            if (!"RECEIVED".equals(videos.uploadStatus(uploadId).orElse(null))) {
                return Resumed.NOTHING;
            }
            if (wait) {
                run(uploadId);
            } else {
                runInBackground(uploadId);
            }
            return Resumed.RESUMED;
        }
        JobExecution stored = jobRepository.getJobExecution(id);
        if (stored == null) {
            return Resumed.NOTHING;
        }
        if (stored.getStatus() == BatchStatus.COMPLETED) {
            if ("RUNNING".equals(videos.uploadStatus(uploadId).orElse(null))) {
                // the job's end was recorded but not the upload's (the database went away just then)
                recovery.finishCompleted(stored);
            }
            return Resumed.COMPLETED;
        }
        if (recovery.waitingForServices(uploadId)) {
            return Resumed.RUNNING;
        }
        if (stored.getStatus().isRunning() || stored.getStatus() == BatchStatus.UNKNOWN) {
            if (recovery.runsHere(id) || (!recovery.endedHere(id) && !recovery.stale(stored))) {
                return Resumed.RUNNING;
            }
            LOG.warn("Job execution {} of upload {} was left {} with nothing updated for {}: its manager is taken as"
                    + " dead, marked failed and restarted", id, uploadId, stored.getStatus(), recovery.staleAfter());
            recovery.markFailed(stored, "its manager stopped; resumed");
        }
        if (wait) {
            ridingOut(uploadId, restartNow(id));
        } else {
            background.execute(() -> {
                try {
                    ridingOut(uploadId, restartNow(id));
                } catch (Exception e) {
                    LOG.error("Analysis job for upload {} could not be resumed", uploadId, e);
                }
            });
        }
        return Resumed.RESUMED;
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
        JobExecution restarted = restartNow(jobExecutionId);
        ridingOut(UploadJobListener.uploadId(restarted), restarted);
        return restarted.getId();
    }

    static JobParameters parameters(UUID uploadId) {
        return new JobParametersBuilder().addString(VideoPartitioner.UPLOAD_ID, uploadId.toString()).toJobParameters();
    }
}
