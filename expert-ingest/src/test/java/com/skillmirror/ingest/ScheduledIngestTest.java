package com.skillmirror.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestDatabase;
import com.skillmirror.testsupport.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The expert-ingest app: its trigger is stored in the clustered JDBC job store, and a run ingests the drop folder. */
@SpringBootTest(classes = ExpertIngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ScheduledIngestTest {

    static TestDatabase database;
    static Path home;
    static Path inbox;

    @BeforeAll
    static void setUp() throws Exception {
        database = TestDatabase.create();
        home = Files.createTempDirectory("skillmirror-ingest-home-");
        inbox = Files.createTempDirectory("skillmirror-inbox-");
        Path drop = Files.createDirectories(inbox.resolve("walker"));
        Path vtest = TestMedia.file("opencv_vtest_pedestrians.avi");
        for (int i = 0; i < 3; i++) {
            TestClips.excerpt(vtest, drop.resolve("take-" + i + ".mp4"), 60 + i * 0.6, 4, "crop=480:320:150:256,scale=960:640");
        }
        Files.writeString(drop.resolve("manifest.yaml"), """
                expert: {name: Walker from the OpenCV sample, credits: "opencv-doc vtest.avi", licence: "Apache-2.0/BSD"}
                skill: running-gait
                takes: [take-0.mp4, take-1.mp4, take-2.mp4]
                """);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("skillmirror.home", home::toString);
        registry.add("skillmirror.ingest.folder", inbox::toString);
    }

    @Autowired
    Scheduler scheduler;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theNightlyTriggerIsClusteredAndARunIngestsTheDrop() throws Exception {
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(org.quartz.impl.jdbcjobstore.JobStoreSupport.class)
                .isAssignableFrom(scheduler.getMetaData().getJobStoreClass());
        Trigger nightly = scheduler.getTriggersOfJob(JobKey.jobKey("expert-ingest")).get(0);
        assertThat(nightly.getNextFireTime()).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM qrtz_triggers").query(Integer.class).single()).isEqualTo(1);

        scheduler.triggerJob(JobKey.jobKey("expert-ingest"));
        long deadline = System.currentTimeMillis() + 180_000;
        String status = null;
        while (System.currentTimeMillis() < deadline && !"COMPLETED".equals(status)) {
            status = jdbc.sql("SELECT status FROM expert_ingest").query(String.class).optional().orElse(null);
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT count(*) FROM expert_pattern WHERE source = 'VIDEO' AND skill_id = 'running-gait'")
                .query(Integer.class).single()).isEqualTo(1);
    }
}
