package com.skillmirror.pose.step;

import com.skillmirror.analysis.VideoPartitioner;
import java.util.UUID;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The frames [startFrame, endFrame) of one video that one pose partition analyses. */
record PoseSegment(UUID uploadId, UUID videoId, int startFrame, int endFrame) {

    static final String START = "startFrame";
    static final String END = "endFrame";

    static PoseSegment of(StepExecution stepExecution) {
        ExecutionContext c = stepExecution.getExecutionContext();
        return new PoseSegment(UUID.fromString(c.getString(VideoPartitioner.UPLOAD_ID)),
                UUID.fromString(c.getString(VideoPartitioner.VIDEO_ID)), c.getInt(START), c.getInt(END));
    }

    int frames() {
        return endFrame - startFrame;
    }
}
