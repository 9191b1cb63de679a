package com.skillmirror.pose.step;

import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** One partition per segment of segmentFrames frames of each decoded video, so long videos use every worker. */
class PoseSegmentPartitioner implements Partitioner {

    private final VideoRepository videos;
    private final UUID uploadId;
    private final int segmentFrames;

    PoseSegmentPartitioner(VideoRepository videos, UUID uploadId, int segmentFrames) {
        this.videos = videos;
        this.uploadId = uploadId;
        this.segmentFrames = segmentFrames;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (Video video : videos.findActiveByUpload(uploadId)) {
            int frames = videos.proxyFrames(video.id());
            int segments = Math.max(1, (frames + segmentFrames - 1) / segmentFrames);
            for (int s = 0; s < segments; s++) {
                ExecutionContext context = new ExecutionContext();
                context.putString(VideoPartitioner.VIDEO_ID, video.id().toString());
                context.putString(VideoPartitioner.UPLOAD_ID, uploadId.toString());
                context.putInt(PoseSegment.START, s * segmentFrames);
                context.putInt(PoseSegment.END, Math.min(frames, (s + 1) * segmentFrames));
                partitions.put("video-" + video.position() + "-" + video.id() + "-segment-" + s, context);
            }
        }
        return partitions;
    }
}
