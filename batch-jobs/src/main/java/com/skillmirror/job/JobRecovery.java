package com.skillmirror.job;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rides a job over services that were away: decides, when a job ends failed, whether every failure was transient
 * and attempts are left (then the launcher waits for the services and restarts it, completed partitions kept, a
 * partition resuming at its last committed chunk); otherwise the upload fails saying how to resume. Also knows which
 * executions run in this process, and keeps their rows' {@code last_updated} fresh (a heartbeat), so a resume in any
 * process can tell a running job, however long one of its steps takes, from one whose manager died.
 */
@Component
@EnableConfigurationProperties(RecoverySettings.class)
public class JobRecovery implements DisposableBean {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobRecovery.class);

    /** What to do about a job that ended failed. */
    record Decision(boolean retry, String reason) {
    }

    private final RecoverySettings settings;
    private final JobRepository jobRepository;
    private final ServiceProbe probe;
    private final Map<UUID, Deque<Instant>> restarts = new ConcurrentHashMap<>();
    private final Map<Long, Decision> decisions = new ConcurrentHashMap<>();
    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();
    /**
     * Executions this process ran to their end, the most recent ones only: a portal that runs for months must not keep
     * every id; an older one has its end recorded in the repository anyway.
     */
    private final RecentIds endedHere = new RecentIds(10_000);
    private final Map<UUID, JobExecution> lastStarted = new ConcurrentHashMap<>();
    private final Set<UUID> waitingForServices = ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;
    private final ScheduledExecutorService heartbeat;
    private volatile java.util.function.BiConsumer<JobExecution, String> finisher = (execution, reason) -> { };

    JobRecovery(RecoverySettings settings, JobRepository jobRepository, javax.sql.DataSource dataSource,
                com.skillmirror.storage.ObjectStorage storage,
                org.springframework.beans.factory.ObjectProvider<org.springframework.amqp.rabbit.connection.ConnectionFactory> rabbit,
                @org.springframework.beans.factory.annotation.Value("${skillmirror.distributed:false}") boolean distributed) {
        this.settings = settings;
        this.jobRepository = jobRepository;
        this.probe = new ServiceProbe(dataSource, storage, rabbit, distributed);
        this.jdbc = dataSource == null ? null : JdbcClient.create(dataSource);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, settings.staleAfter().toMillis() / 4);
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }

    void started(JobExecution execution) {
        runningHere.add(execution.getId());
        lastStarted.put(UploadJobListener.uploadId(execution), execution);
    }

    /**
     * The launch of the upload's job returned, restarts included: nothing of it is needed here any more (a later
     * resume is a new launch with its own attempts).
     */
    void forget(UUID uploadId) {
        lastStarted.remove(uploadId);
        restarts.remove(uploadId);
    }

    /**
     * Marks the executions running here alive, on the database's clock: Spring Batch writes {@code last_updated} only
     * when a step or chunk ends, and one step (a long decode, a partition waiting in the queue) can take longer than
     * {@code staleAfter}. The version column is left alone, so Spring Batch's own updates never conflict with it.
     */
    private void beat() {
        if (jdbc == null) {
            return;
        }
        for (Long id : runningHere) {
            try {
                jdbc.sql("UPDATE batch_job_execution SET last_updated = localtimestamp"
                        + " WHERE job_execution_id = ? AND end_time IS NULL").param(id).update();
            } catch (RuntimeException e) {
                LOG.debug("Heartbeat of job execution {} not written (the database is away?)", id, e);
            }
        }
    }

    /** The launcher waits for the services to restart this upload's job: a resume meanwhile would run it twice. */
    boolean waitingForServices(UUID uploadId) {
        return waitingForServices.contains(uploadId);
    }

    /**
     * The launch threw after the job had started (the repository could not take the job's end while the database was
     * away): the execution it started, with a decision if the exception is transient; empty otherwise.
     */
    Optional<JobExecution> endedFatally(UUID uploadId, Exception e) {
        JobExecution execution = lastStarted.get(uploadId);
        if (execution == null) {
            return Optional.empty();
        }
        if (decisions.containsKey(execution.getId())) {
            return Optional.of(execution); // its listener saw the end and decided
        }
        if (!runningHere.contains(execution.getId())) {
            return Optional.empty(); // an earlier run's, not this launch's
        }
        runningHere.remove(execution.getId());
        endedHere.add(execution.getId());
        if (TransientFailures.service(TransientFailures.text(e)).isEmpty()) {
            return Optional.empty();
        }
        execution.addFailureException(e);
        if (execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus().isRunning()) {
            execution.setStatus(BatchStatus.UNKNOWN);
        }
        decisions.put(execution.getId(), decide(execution, uploadId));
        return Optional.of(execution);
    }

    /** Called once the job ended (its listener): decides and remembers the decision for the launcher. */
    Decision ended(JobExecution execution, UUID uploadId) {
        runningHere.remove(execution.getId());
        endedHere.add(execution.getId());
        Decision decision = decide(execution, uploadId);
        decisions.put(execution.getId(), decision);
        return decision;
    }

    /** The decision taken when the execution ended; none for a completed one or one this process did not run. */
    Optional<Decision> decisionFor(long jobExecutionId) {
        return Optional.ofNullable(decisions.remove(jobExecutionId));
    }

    boolean runsHere(long jobExecutionId) {
        return runningHere.contains(jobExecutionId);
    }

    /** Whether this process ran the execution to its end (whatever the repository could record of that end). */
    boolean endedHere(long jobExecutionId) {
        return endedHere.contains(jobExecutionId);
    }

    /** How an upload whose job is given up is ended (the job's listener: statuses, webhooks, the error event). */
    void finisher(java.util.function.BiConsumer<JobExecution, String> finisher) {
        this.finisher = finisher;
    }

    /**
     * The services stayed away past the wait: once the database takes it (tried with backoff for
     * {@code window} at most), the execution is recorded failed and the upload ends failed with {@code reason}; with
     * no reason, the job completed and only the upload's end is recorded.
     */
    void giveUp(long jobExecutionId, String reason) {
        long deadline = System.nanoTime() + settings.window().toNanos();
        Duration pause = settings.backoff();
        while (true) {
            try {
                JobExecution stored = jobRepository.getJobExecution(jobExecutionId);
                if (reason != null) {
                    markFailed(stored, "interrupted: a service was unreachable");
                }
                finisher.accept(stored, reason);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    LOG.error("Job execution {} could not be recorded failed (resume its upload once the database"
                            + " answers): {}", jobExecutionId, e.getMessage());
                    return;
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = pause.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : pause.multipliedBy(2);
        }
    }

    private Decision decide(JobExecution execution, UUID uploadId) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            restarts.remove(uploadId);
            return new Decision(false, null);
        }
        JobExecution stored = null;
        try {
            stored = jobRepository.getJobExecution(execution.getId());
        } catch (RuntimeException e) {
            LOG.debug("Job execution {} not readable now", execution.getId(), e);
        }
        Optional<TransientFailures.Service> service = TransientFailures.of(execution, stored);
        if (service.isEmpty()) {
            LOG.info("Analysis of upload {} failed, not on a service away: not restarted automatically", uploadId);
            // the exception's text stays in the log: it can hold storage keys (file names) and SQL, and this reason
            // reaches the portal and the webhooks
            return new Decision(false, "The analysis stopped on an internal error (job execution "
                    + execution.getId() + "; the server log has the details).");
        }
        String away = service.get().label + " could not be reached";
        Deque<Instant> times = restarts.computeIfAbsent(uploadId, id -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = Instant.now();
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(settings.window()))) {
                times.pollFirst();
            }
            if (times.size() < settings.attempts()) {
                times.addLast(now);
                LOG.warn("Analysis of upload {} interrupted: {}; restarting it once the services answer (attempt {} of {})",
                        uploadId, away, times.size(), settings.attempts());
                return new Decision(true, "The analysis stopped because " + away + ".");
            }
        }
        return new Decision(false, "The analysis stopped because " + away + " (tried again "
                + settings.attempts() + " times).");
    }

    /**
     * Waits, with a doubling pause, until the services answer; false when {@code serviceWait} passed first. Partitions
     * a worker may still run are not waited for: the restart marks them failed first, so such a worker's next commit
     * is refused (its version is stale) and the restarted partition resumes at the last commit instead.
     */
    boolean awaitServices(UUID uploadId, long jobExecutionId) {
        waitingForServices.add(uploadId);
        try {
            return awaitServicesFor(jobExecutionId);
        } finally {
            waitingForServices.remove(uploadId);
        }
    }

    private boolean awaitServicesFor(long jobExecutionId) {
        long deadline = System.nanoTime() + settings.serviceWait().toNanos();
        Duration pause = settings.backoff();
        while (true) {
            String away = probe.unreachable();
            if (away == null) {
                return true;
            }
            if (System.nanoTime() + pause.toNanos() > deadline) {
                LOG.warn("Gave up waiting for job execution {}: {} still not answering", jobExecutionId, away);
                return false;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = pause.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : pause.multipliedBy(2);
        }
    }

    /**
     * Whether its manager is taken as dead: no heartbeat for {@code staleAfter} by the database's clock (a live
     * manager in any process beats every quarter of it), and no step updated meanwhile either (a worker's commit).
     */
    boolean stale(JobExecution stored) {
        boolean quiet = jdbc == null || jdbc.sql("SELECT last_updated IS NULL OR last_updated < localtimestamp"
                        + " - make_interval(secs => ?) FROM batch_job_execution WHERE job_execution_id = ?")
                .params((double) settings.staleAfter().toMillis() / 1000, stored.getId())
                .query(Boolean.class).optional().orElse(true);
        if (!quiet) {
            return false;
        }
        LocalDateTime since = LocalDateTime.now().minus(settings.staleAfter());
        return stored.getStepExecutions().stream()
                .noneMatch(step -> step.getLastUpdated() != null && step.getLastUpdated().isAfter(since));
    }

    /** Ends the upload of a job that completed but whose end the database could not take then (a resume calls it). */
    void finishCompleted(JobExecution stored) {
        finisher.accept(stored, null);
    }

    Duration staleAfter() {
        return settings.staleAfter();
    }

    /**
     * Makes an execution left running or UNKNOWN (its manager died, or the repository could not take its end)
     * restartable: it and its unfinished steps become FAILED, so a restart runs what did not complete; not
     * ABANDONED, which a restart would skip.
     */
    void markFailed(JobExecution stored, String why) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : stored.getStepExecutions()) {
            if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
                step.setEndTime(now);
                jobRepository.update(step);
            }
        }
        if (stored.getStatus().isRunning() || stored.getStatus() == BatchStatus.UNKNOWN) {
            stored.setStatus(BatchStatus.FAILED);
            stored.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
            stored.setEndTime(now);
            jobRepository.update(stored);
        }
    }
}
