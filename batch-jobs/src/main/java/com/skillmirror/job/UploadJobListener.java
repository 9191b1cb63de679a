package com.skillmirror.job;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.upload.VideoRepository;
import java.util.UUID;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps the upload's status in step with its job and announces start and end (live progress, webhooks' outbox). */
class UploadJobListener implements JobExecutionListener {

    private final VideoRepository videos;
    private final ProgressPublisher progress;
    private final WebhookEvents webhooks;
    private final TransactionTemplate transactions;
    private final JobRecovery recovery;

    UploadJobListener(VideoRepository videos, ProgressPublisher progress, WebhookEvents webhooks,
                      TransactionTemplate transactions, JobRecovery recovery) {
        this.videos = videos;
        this.progress = progress;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.recovery = recovery;
        recovery.finisher(this::finish);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        UUID uploadId = uploadId(execution);
        recovery.started(execution);
        videos.markUploadRunning(uploadId, execution.getId());
        progress.publish(ProgressEvent.of(ProgressEvent.STARTED, uploadId, null, null, 0, "analysis started"));
    }

    @Override
    public void afterJob(JobExecution execution) {
        UUID uploadId = uploadId(execution);
        boolean failed = execution.getStatus() != BatchStatus.COMPLETED;
        JobRecovery.Decision decision = recovery.ended(execution, uploadId);
        if (decision.retry()) {
            // the launcher restarts it once the services answer: the upload has not ended, no webhook, no end event
            progress.publish(ProgressEvent.of(ProgressEvent.PROGRESS, uploadId, null, null, 0,
                    decision.reason() + " Resuming automatically once it answers again."));
            return;
        }
        String reason = failed ? resumeMessage(decision.reason(), uploadId) : null;
        try {
            finish(execution, reason);
        } catch (RuntimeException e) {
            // the database is away as the job ends: recorded once it answers (bounded), else by a resume; a
            // completed job too, whose end Spring Batch records anyway, so the upload would stay RUNNING
            recovery.giveUp(execution.getId(), reason);
        }
    }

    /** Ends the upload: completed when {@code reason} is null, else failed with it. */
    private void finish(JobExecution execution, String reason) {
        UUID uploadId = uploadId(execution);
        boolean failed = reason != null;
        // the upload's end and its webhook events in one transaction: a failure between the two can no longer leave an
        // ended upload whose events never reach the outbox; and into the outbox before the progress event, which may
        // be dropped (the outbox row is not)
        String status = transactions.execute(tx -> {
            String ended = videos.finishUpload(uploadId, execution.getId(), failed, reason);
            if (ended != null) {
                webhooks.uploadEnded(videos.uploadTeam(uploadId).orElse(null), uploadId, ended,
                        videos.findByUpload(uploadId));
            }
            return ended;
        });
        if (status == null) {
            return; // a newer execution of the upload's job runs (resumed meanwhile): it ends the upload
        }
        if (failed) {
            progress.publish(ProgressEvent.of(ProgressEvent.ERROR, uploadId, null, null, 100, reason));
        } else {
            progress.publish(ProgressEvent.of(ProgressEvent.COMPLETE, uploadId, null, null, 100, status));
        }
    }

    /** What failed and the one way to go on: finished work is kept, the rest continues where it stopped. */
    static String resumeMessage(String what, UUID uploadId) {
        return what + " Finished work is kept: resume it with the Resume button on the upload's page, or"
                + " ./skillmirror resume " + uploadId + ", and it continues where it stopped.";
    }

    static UUID uploadId(JobExecution execution) {
        return UUID.fromString(execution.getJobParameters().getString(VideoPartitioner.UPLOAD_ID));
    }
}
