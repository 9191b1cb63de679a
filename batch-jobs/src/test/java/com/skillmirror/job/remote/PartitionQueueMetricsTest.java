package com.skillmirror.job.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.testsupport.TestDatabase;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The partition queue's age counts only partitions of jobs still running, on Spring Batch's own tables. */
class PartitionQueueMetricsTest {

    private final TestDatabase database = TestDatabase.create();

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void aPartitionOfAJobThatEndedBeforeAWorkerTookItDoesNotAgeTheQueue() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(), "");
        new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"))
                .execute(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        PartitionQueueMetrics metrics = new PartitionQueueMetrics(null, jdbc, null);
        assertThat(metrics.oldestWaitSeconds()).as("nothing waits").isZero();

        LocalDateTime now = LocalDateTime.now();
        jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (1, 0, 'a', 'k')")
                .update();
        // a job that failed three hours ago: its last partition was never taken and stays STARTING for ever
        job(jdbc, 1, now.minusHours(3), now.minusHours(3), "FAILED");
        partition(jdbc, 1, 1, now.minusHours(3), null, "STARTING");
        assertThat(metrics.oldestWaitSeconds()).as("an ended job's partition waits for nobody").isZero();

        // a running job: one partition taken long ago, one waiting for a minute
        job(jdbc, 2, now.minusMinutes(30), null, "STARTED");
        partition(jdbc, 2, 2, now.minusMinutes(30), now.minusMinutes(29), "STARTED");
        partition(jdbc, 3, 2, now.minusSeconds(60), null, "STARTING");
        assertThat(metrics.oldestWaitSeconds()).isBetween(59.0, 1700.0);
    }

    private static void job(JdbcClient jdbc, long id, LocalDateTime created, LocalDateTime ended, String status) {
        jdbc.sql("""
                INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
                    end_time, status) VALUES (?, 0, 1, ?, ?, ?, ?)""")
                .params(id, created, created, ended, status).update();
    }

    private static void partition(JdbcClient jdbc, long id, long job, LocalDateTime created, LocalDateTime started,
                                  String status) {
        jdbc.sql("""
                INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
                    start_time, status) VALUES (?, 0, ?, ?, ?, ?, ?)""")
                .params(id, "decodeWorker:partition" + id, job, created, started, status).update();
    }
}
