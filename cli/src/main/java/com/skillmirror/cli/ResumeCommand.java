package com.skillmirror.cli;

import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.upload.VideoRepository;
import java.io.PrintStream;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * `skillmirror resume UPLOAD_ID`: continues an upload's analysis where it stopped (a service away too long, a manager
 * that died), on this process as the manager, and waits for its end. Exit 0 when the upload ends analysed.
 */
final class ResumeCommand {

    private ResumeCommand() {
    }

    static int run(String[] args, ConfigurableApplicationContext context, PrintStream out) throws Exception {
        if (args.length != 1 || !args[0].matches("[0-9a-fA-F-]{36}")) {
            throw new Cli.UsageException("resume takes one upload id");
        }
        UUID uploadId = UUID.fromString(args[0]);
        VideoRepository videos = context.getBean(VideoRepository.class);
        if (videos.uploadStatus(uploadId).isEmpty()) {
            out.println("No upload " + uploadId + " in this database.");
            return 1;
        }
        AnalysisLauncher.Resumed resumed = context.getBean(AnalysisLauncher.class).resume(uploadId, true);
        String status = videos.uploadStatus(uploadId).orElse("UNKNOWN");
        switch (resumed) {
            case RUNNING -> out.println("Upload " + uploadId + " is being analysed now (its job was updated recently);"
                    + " nothing resumed. A job whose manager stopped can be resumed once nothing of it has moved for"
                    + " skillmirror.recovery.stale-after.");
            case COMPLETED -> out.println("Upload " + uploadId + " was analysed already: " + status + ".");
            case NOTHING -> out.println("Upload " + uploadId + " has no analysis to resume: " + status + ".");
            case RESUMED -> out.println("Upload " + uploadId + " resumed and ended " + status + ".");
        }
        return "COMPLETED".equals(status) || "PARTIAL".equals(status) || resumed == AnalysisLauncher.Resumed.RUNNING
                ? 0 : 1;
    }
}
