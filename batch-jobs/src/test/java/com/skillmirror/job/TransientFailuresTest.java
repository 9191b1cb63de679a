package com.skillmirror.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures count as a service away (restarted automatically) and which do not (a resume after a fix). */
class TransientFailuresTest {

    @Test
    void aPooledConnectionKilledByADatabaseRestartIsTheDatabaseAway() {
        // what a worker's pose partition said in the chaos run when PostgreSQL restarted under its chunk
        Exception e = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(TransientFailures.service(TransientFailures.text(e))).contains(TransientFailures.Service.DATABASE);
    }

    @Test
    void theBrokerAwayIsTheBroker() {
        Exception e = new AmqpConnectException(new java.net.ConnectException("Connection refused"));
        assertThat(TransientFailures.service(TransientFailures.text(e))).contains(TransientFailures.Service.BROKER);
    }

    @Test
    void aTruncatedFileOrABadVideoIsNoOutage() {
        assertThat(TransientFailures.service(TransientFailures.text(
                new IllegalStateException("pose model unreadable", new EOFException("Truncated tar entry"))))).isEmpty();
        assertThat(TransientFailures.service(TransientFailures.text(
                new IllegalArgumentException("No athlete detected in the video")))).isEmpty();
    }
}
