package com.skillmirror.job;

import com.skillmirror.analysis.VideoPartitioner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Puts the ids of the job and step running on a thread into the log's MDC, so every line a job writes carries them
 * (in the structured JSON logs, fields of their own): {@code uploadId}, {@code jobExecutionId}, and within a step
 * {@code step}, {@code stepExecutionId} and, in a partition of one video, {@code videoId}. Set before the job or step
 * runs on its thread and put back as it was after, so a thread of a pool never carries one job's ids into the next.
 * Registered on every job and step bean (in-process partitions, remote workers and the expert ingest alike), not
 * step by step.
 */
@Component
class JobLogContext implements BeanPostProcessor {

    static final String UPLOAD_ID = "uploadId";
    static final String VIDEO_ID = "videoId";
    static final String STEP = "step";
    static final String STEP_EXECUTION_ID = "stepExecutionId";
    static final String JOB_EXECUTION_ID = "jobExecutionId";

    private final Listener listener = new Listener();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(listener);
        } else if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(listener);
        }
        return bean;
    }

    private static final class Listener implements JobExecutionListener, StepExecutionListener {

        /** What the MDC held before each job or step that is running on this thread, innermost last. */
        private final ThreadLocal<Deque<Map<String, String>>> saved = ThreadLocal.withInitial(ArrayDeque::new);

        @Override
        public void beforeJob(JobExecution execution) {
            save();
            putJob(execution);
        }

        @Override
        public void afterJob(JobExecution execution) {
            restore();
        }

        @Override
        public void beforeStep(StepExecution execution) {
            save();
            putJob(execution.getJobExecution());
            MDC.put(STEP, execution.getStepName());
            MDC.put(STEP_EXECUTION_ID, String.valueOf(execution.getId()));
            var context = execution.getExecutionContext();
            if (context.containsKey(VideoPartitioner.VIDEO_ID)) {
                MDC.put(VIDEO_ID, context.getString(VideoPartitioner.VIDEO_ID));
            }
            if (context.containsKey(VideoPartitioner.UPLOAD_ID)) {
                MDC.put(UPLOAD_ID, context.getString(VideoPartitioner.UPLOAD_ID));
            }
        }

        @Override
        public ExitStatus afterStep(StepExecution execution) {
            restore();
            return null;
        }

        private static void putJob(JobExecution execution) {
            String uploadId = execution.getJobParameters().getString(VideoPartitioner.UPLOAD_ID);
            if (uploadId != null) {
                MDC.put(UPLOAD_ID, uploadId);
            }
            MDC.put(JOB_EXECUTION_ID, String.valueOf(execution.getId()));
        }

        private void save() {
            Map<String, String> current = MDC.getCopyOfContextMap();
            saved.get().push(current == null ? new HashMap<>() : current);
        }

        private void restore() {
            Deque<Map<String, String>> stack = saved.get();
            Map<String, String> previous = stack.isEmpty() ? Map.of() : stack.pop();
            MDC.setContextMap(previous);
            if (stack.isEmpty()) {
                saved.remove();
            }
        }
    }
}
