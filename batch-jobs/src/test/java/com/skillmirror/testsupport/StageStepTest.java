package com.skillmirror.testsupport;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.decode.DecodeSettings;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.VideoRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A stage's step on its own: its tasklets called directly on the real database and storage, with what every stage
 * step needs to set up an upload and read back what the step stored.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
public abstract class StageStepTest extends OwnDatabaseTest {

    @Autowired
    protected UploadService uploads;
    @Autowired
    protected VideoRepository videos;
    @Autowired
    protected StageResults results;
    @Autowired
    protected ObjectStorage storage;
    @Autowired
    protected ProgressPublisher progress;
    @Autowired
    protected DecodeSettings decodeSettings;
}
