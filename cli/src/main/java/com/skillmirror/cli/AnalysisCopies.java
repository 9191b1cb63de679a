package com.skillmirror.cli;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.upload.VideoRepository;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies of one finished analysis (upload, video, stage results, artifacts, comparisons), each in its own upload and
 * dated a day apart, sharing the stored files: a database as full as a season of analyses without analysing again.
 * Each table is copied by its owner: {@link VideoRepository}, {@link StageResults}, {@link ComparisonRepository}.
 */
final class AnalysisCopies {

    private AnalysisCopies() {
    }

    static List<UUID> copy(VideoRepository videos, StageResults stages, ComparisonRepository comparisons,
                           TransactionTemplate transaction, UUID videoId, int copies) {
        return transaction.execute(status -> {
            // the n-th copy is dated n days back, like its video row
            List<UUID> copied = videos.copyBackdated(videoId, copies);
            stages.copy(videoId, copied, Duration.ofDays(1));
            comparisons.copy(videoId, copied, Duration.ofDays(1));
            return copied;
        });
    }
}
