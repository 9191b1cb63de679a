package com.skillmirror;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The core beans (job, stages, storage) without a web layer, for the batch-jobs tests. */
@SpringBootApplication
public class TestAnalysisApplication {
}
