package com.skillmirror.job.ingest;

import java.util.List;

/**
 * manifest.yaml of an expert drop.
 *
 * @param expert who performs the takes, with credits and the footage licence (required: seed data never invents people)
 * @param skill the skill id (kebab-case)
 * @param takes the take files in the drop folder; empty = every video in it
 */
record DropManifest(Expert expert, String skill, List<String> takes) {

    record Expert(String name, String achievements, String credits, String licence) {
    }

    DropManifest {
        takes = takes == null ? List.of() : List.copyOf(takes);
    }
}
