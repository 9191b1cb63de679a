package com.skillmirror.job.ingest;

import java.util.List;

/** What one ingest run did, drop by drop. */
public record IngestReport(List<DropOutcome> drops) {

    /**
     * @param status INGESTED, UNCHANGED (already ingested, or being ingested by another instance) or FAILED
     */
    public record DropOutcome(String drop, String status, String skill, String expert, String patternId,
                              Integer patternVersion, String contentHash, List<TakeOutcome> takes, String error) {
    }

    public record TakeOutcome(String file, String status, String error) {
    }

    public long count(String status) {
        return drops.stream().filter(d -> d.status().equals(status)).count();
    }
}
