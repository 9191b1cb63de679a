package com.skillmirror.ingest;

import com.skillmirror.job.ingest.ExpertIngest;
import com.skillmirror.job.ingest.IngestReport;
import com.skillmirror.job.ingest.IngestSource;
import java.io.IOException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** One scheduled ingest run over the configured drop location. */
@DisallowConcurrentExecution
class ExpertIngestJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(ExpertIngestJob.class);

    private final ExpertIngest ingest;
    private final IngestSource source;

    ExpertIngestJob(ExpertIngest ingest, IngestSource source) {
        this.ingest = ingest;
        this.source = source;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        try {
            IngestReport report = ingest.run(source.storage(), source.prefix());
            context.setResult(report);
            report.drops().stream().filter(d -> "FAILED".equals(d.status()))
                    .forEach(d -> log.warn("Expert drop {} not ingested: {}", d.drop(), d.error()));
        } catch (IOException e) {
            throw new JobExecutionException("Expert ingest could not read the drop location: " + e.getMessage(), e);
        }
    }
}
