package com.skillmirror.cli;

import com.skillmirror.job.ingest.ExpertIngest;
import com.skillmirror.job.ingest.IngestReport;
import com.skillmirror.job.ingest.IngestSource;
import com.skillmirror.storage.LocalDiskStorage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** `skillmirror ingest [FOLDER]`: ingest expert drops now, from FOLDER or the configured drop location. */
final class IngestCommand {

    private IngestCommand() {
    }

    static int run(String[] args, ConfigurableApplicationContext context, PrintStream out) throws Exception {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("--"))) {
            throw new Cli.UsageException("ingest takes at most one folder");
        }
        ExpertIngest ingest = context.getBean(ExpertIngest.class);
        IngestReport report;
        if (args.length == 1) {
            Path folder = Path.of(args[0]);
            if (!Files.isDirectory(folder)) {
                throw new Cli.UsageException("no such folder: " + folder);
            }
            report = ingest.run(new LocalDiskStorage(folder), "");
        } else {
            IngestSource source = context.getBean(IngestSource.class);
            report = ingest.run(source.storage(), source.prefix());
        }
        out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report));
        return report.count("FAILED") == 0 ? 0 : 1;
    }
}
