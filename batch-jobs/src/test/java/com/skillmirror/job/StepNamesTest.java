package com.skillmirror.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.compare.step.CompareStepConfiguration;
import com.skillmirror.decode.step.DecodeStepConfiguration;
import com.skillmirror.pose.step.PoseStepConfiguration;
import com.skillmirror.report.step.ReportStepConfiguration;
import com.skillmirror.speech.step.SpeechStepConfiguration;
import com.skillmirror.upload.VideoRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.flow.FlowJob;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.scope.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job's wiring, without a database or broker: every Step bean is named as its step, and every worker step the
 * manager partitions to (the names a remote worker is sent) is found by the worker's bean-name locator.
 */
class StepNamesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            // distributed=true keeps the in-process partitioning out, so the recording one below is used
            .withPropertyValues("skillmirror.distributed=true", "skillmirror.speech.provider=none")
            .withUserConfiguration(Infrastructure.class, AnalysisJobConfiguration.class,
                    DecodeStepConfiguration.class, PoseStepConfiguration.class, SpeechStepConfiguration.class,
                    CompareStepConfiguration.class, ReportStepConfiguration.class);

    @Test
    void everyStepBeanIsNamedAsItsStep() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Map<String, Step> steps = context.getBeansOfType(Step.class);
            assertThat(steps).isNotEmpty();
            steps.forEach((beanName, step) -> assertThat(step.getName()).as("bean " + beanName).isEqualTo(beanName));
            List<String> expected = new ArrayList<>(StepNames.WORKER_STEPS);
            expected.addAll(List.of(StepNames.SPEECH_SUMMARY, StepNames.TEAM_REPORT));
            assertThat(steps.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    void everyWorkerStepTheManagerSendsIsFoundByTheRemoteLocator() {
        runner.run(context -> {
            Job job = context.getBean(Job.class);
            Map<String, String> partitioned = context.getBean(RecordingPartitioning.class).workerByManager;
            assertThat(partitioned).containsExactly(
                    Map.entry(StepNames.DECODE, StepNames.DECODE_WORKER),
                    Map.entry(StepNames.POSE, StepNames.POSE_WORKER),
                    Map.entry(StepNames.POSE_SUMMARY, StepNames.POSE_SUMMARY_WORKER),
                    Map.entry(StepNames.OVERLAY, StepNames.OVERLAY_WORKER),
                    Map.entry(StepNames.SPEECH, StepNames.SPEECH_WORKER),
                    Map.entry(StepNames.COMPARE, StepNames.COMPARE_WORKER),
                    Map.entry(StepNames.REPORT, StepNames.REPORT_WORKER));
            assertThat(partitioned.values()).containsExactlyInAnyOrderElementsOf(StepNames.WORKER_STEPS);

            // what WorkerConfiguration does with a partition request's step name
            BeanFactoryStepLocator locator = new BeanFactoryStepLocator();
            locator.setBeanFactory(context.getBeanFactory());
            for (String workerStep : StepNames.WORKER_STEPS) {
                assertThat(locator.getStep(workerStep).getName()).isEqualTo(workerStep);
            }

            assertThat(((FlowJob) job).getStepNames()).containsExactlyInAnyOrder(StepNames.DECODE, StepNames.POSE,
                    StepNames.POSE_SUMMARY, StepNames.OVERLAY, StepNames.SPEECH, StepNames.SPEECH_SUMMARY, StepNames.COMPARE,
                    StepNames.REPORT, StepNames.TEAM_REPORT);
            for (Stage stage : Stage.values()) {
                assertThat(partitioned).containsEntry(stage.stepName(), stage.workerStepName());
            }
        });
    }

    /** Stands in for local or remote partitioning and remembers which worker step each manager step runs. */
    static class RecordingPartitioning implements StagePartitioning {

        final Map<String, String> workerByManager = new LinkedHashMap<>();
        private final JobRepository jobRepository;
        private final PlatformTransactionManager tx;

        RecordingPartitioning(JobRepository jobRepository, PlatformTransactionManager tx) {
            this.jobRepository = jobRepository;
            this.tx = tx;
        }

        @Override
        public Step managerStep(String stepName, Partitioner partitioner, Step workerStep) {
            workerByManager.put(stepName, workerStep.getName());
            return new StepBuilder(stepName, jobRepository)
                    .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, tx).build();
        }
    }

    /** Not a @Configuration: other modules' tests boot real applications that scan com.skillmirror on this test jar. */
    static class Infrastructure {

        @Bean
        static StepScope stepScope() {
            return new StepScope();
        }

        @Bean
        JobRepository jobRepository() {
            return new ResourcelessJobRepository();
        }

        @Bean
        PlatformTransactionManager transactionManager() {
            return new ResourcelessTransactionManager();
        }

        @Bean
        VideoRepository videoRepository() {
            return new VideoRepository(null);
        }

        @Bean
        JobRecovery jobRecovery(JobRepository jobRepository, ObjectProvider<ConnectionFactory> rabbit) {
            return new JobRecovery(new RecoverySettings(3, Duration.ofMinutes(10), Duration.ofSeconds(2),
                    Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofSeconds(90)), jobRepository, null, null,
                    rabbit, false);
        }

        @Bean
        RecordingPartitioning recordingPartitioning(JobRepository jobRepository, PlatformTransactionManager tx) {
            return new RecordingPartitioning(jobRepository, tx);
        }
    }
}
