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
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Rides a job over services that were away: decides, when a job ends failed, whether every failure was transient
 * and attempts are left (then the launcher waits for the services and restarts it, completed partitions kept, a
 * partition resuming at its last committed chunk); otherwise the upload fails saying how to resume. Also knows which
 * executions run in this process, so a resume can tell a running job from one whose manager died.
 */
@Component
@EnableConfigurationProperties(RecoverySettings.class)
public class JobRecovery {

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
    private final Set<Long> endedHere = ConcurrentHashMap.newKeySet();
    private final Map<UUID, JobExecution> lastStarted = new ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<JobExecution, String> finisher = (execution, reason) -> { };

    JobRecovery(RecoverySettings settings, JobRepository jobRepository, javax.sql.DataSource dataSource,
                com.skillmirror.storage.ObjectStorage storage,
                org.springframework.beans.factory.ObjectProvider<org.springframework.amqp.rabbit.connection.ConnectionFactory> rabbit,
                @org.springframework.beans.factory.annotation.Value("${skillmirror.distributed:false}") boolean distributed) {
        this.settings = settings;
        this.jobRepository = jobRepository;
        this.probe = new ServiceProbe(dataSource, storage, rabbit, distributed);
    }

    void started(JobExecution execution) {
        runningHere.add(execution.getId());
        lastStarted.put(UploadJobListener.uploadId(execution), execution);
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
     * {@code window} at most), the execution is recorded failed and the upload ends failed with {@code reason}.
     */
    void giveUp(long jobExecutionId, String reason) {
        long deadline = System.nanoTime() + settings.window().toNanos();
        Duration pause = settings.backoff();
        while (true) {
            try {
                JobExecution stored = jobRepository.getJobExecution(jobExecutionId);
                markFailed(stored, "interrupted: a service was unreachable");
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
            String why = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst()
                    .orElse(String.valueOf(execution.getExitStatus().getExitDescription()));
            return new Decision(false, "The analysis stopped on an error (" + abbreviate(why) + ").");
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
    boolean awaitServices(long jobExecutionId) {
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

    /** Whether nothing of the execution was updated for {@code staleAfter}: its manager is taken as dead. */
    boolean stale(JobExecution stored) {
        LocalDateTime last = stored.getLastUpdated();
        for (StepExecution step : stored.getStepExecutions()) {
            if (step.getLastUpdated() != null && (last == null || step.getLastUpdated().isAfter(last))) {
                last = step.getLastUpdated();
            }
        }
        return last == null || last.isBefore(LocalDateTime.now().minus(settings.staleAfter()));
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

    private static String abbreviate(String text) {
        String line = String.valueOf(text).lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
