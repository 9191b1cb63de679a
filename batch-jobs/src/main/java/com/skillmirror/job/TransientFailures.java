package com.skillmirror.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Whether a failed job failed only because a service was away. A remote partition's failure reaches the manager as
 * its exit description (the worker's stack trace as text), not as an exception, so both exceptions and descriptions
 * are read as text and matched against what a refused, reset or timed-out connection to PostgreSQL, RabbitMQ or the
 * object store looks like. A failure that matches none (a bug, a bad file the stage did not catch) is not transient.
 */
final class TransientFailures {

    /** What a failed remote partition makes its manager step say besides the partition's own description. */
    private static final String PARTITION_FAILED = "Partition handler returned an unsuccessful step";

    private static final List<String> DATABASE = List.of("SQLTransientConnectionException", "SQLRecoverableException",
            "CannotCreateTransactionException", "CannotGetJdbcConnectionException", "DataAccessResourceFailureException",
            "TransientDataAccessResourceException", "An I/O error occurred while sending to the backend",
            "This connection has been closed", "terminating connection due to administrator command",
            "the database system is starting up", "the database system is shutting down",
            "Connection is not available, request timed out", "PSQLException: Connection to",
            // Hikari's answer for a pooled connection the restart killed, e.g. under "JDBC rollback failed"
            "SQLException: Connection is closed");
    private static final List<String> BROKER = List.of("AmqpConnectException", "AmqpIOException",
            "AmqpTimeoutException", "ShutdownSignalException", "AmqpResourceNotAvailableException");
    private static final List<String> NETWORK = List.of("java.net.ConnectException", "Connection refused",
            "Connection reset", "java.net.SocketException", "java.net.SocketTimeoutException",
            // not a bare EOFException: a truncated model or media file throws one too, and is no outage
            "unexpected end of stream", "Broken pipe", "java.net.NoRouteToHostException");

    /** The service that was away, as users name it; empty when the job's failures are not all transient. */
    enum Service {
        DATABASE("the database (PostgreSQL)"), BROKER("the message broker (RabbitMQ)"),
        NETWORK("a service (the database, the message broker or the object storage)");

        final String label;

        Service(String label) {
            this.label = label;
        }
    }

    private TransientFailures() {
    }

    /**
     * The service whose absence explains every failure of the execution; empty if one failure is of another kind.
     *
     * @param stored the same execution as read back from the job repository, when it can be read
     */
    static Optional<Service> of(JobExecution execution, JobExecution stored) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return Optional.empty();
        }
        List<String> failures = new ArrayList<>();
        for (Throwable t : execution.getFailureExceptions()) {
            failures.add(text(t));
        }
        List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
        if (stored != null) {
            // the partitions as the workers left them (the manager's own copies are not refreshed)
            steps.addAll(stored.getStepExecutions());
        }
        for (StepExecution step : steps) {
            if (step.getStatus() == BatchStatus.FAILED || step.getStatus() == BatchStatus.UNKNOWN) {
                StringBuilder s = new StringBuilder(String.valueOf(step.getExitStatus().getExitDescription()));
                step.getFailureExceptions().forEach(t -> s.append('\n').append(text(t)));
                failures.add(s.toString());
            }
        }
        if (failures.isEmpty()) {
            // failed with no failure recorded: a repository that could not take the failure, say; not known transient
            return Optional.empty();
        }
        Service found = null;
        for (String failure : failures) {
            Optional<Service> service = service(failure);
            if (service.isEmpty()) {
                if (failure.contains(PARTITION_FAILED)) {
                    continue; // the manager's echo of a failed partition, judged by the partition's own failure
                }
                return Optional.empty();
            }
            found = found == null || found == service.get() ? service.get() : Service.NETWORK;
        }
        return Optional.ofNullable(found);
    }

    static Optional<Service> service(String failure) {
        if (DATABASE.stream().anyMatch(failure::contains)) {
            return Optional.of(Service.DATABASE);
        }
        if (BROKER.stream().anyMatch(failure::contains)) {
            return Optional.of(Service.BROKER);
        }
        if (NETWORK.stream().anyMatch(failure::contains)
                || failure.toLowerCase(Locale.ROOT).contains("connection refused")) {
            return Optional.of(Service.NETWORK);
        }
        return Optional.empty();
    }

    /** The exception and its causes, class names and messages, as one text. */
    static String text(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null && s.length() < 20_000; c = c.getCause() == c ? null : c.getCause()) {
            s.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
        }
        return s.toString();
    }
}
