package com.skillmirror.analysis;

import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** One partition per video of the upload that has not failed an earlier stage (or per video, failed ones too). */
public class VideoPartitioner implements Partitioner {

    public static final String VIDEO_ID = "videoId";
    public static final String UPLOAD_ID = "uploadId";

    private final VideoRepository videos;
    private final UUID uploadId;
    private final boolean includeFailed;

    public VideoPartitioner(VideoRepository videos, UUID uploadId) {
        this(videos, uploadId, false);
    }

    public VideoPartitioner(VideoRepository videos, UUID uploadId, boolean includeFailed) {
        this.videos = videos;
        this.uploadId = uploadId;
        this.includeFailed = includeFailed;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (Video video : includeFailed ? videos.findByUpload(uploadId) : videos.findActiveByUpload(uploadId)) {
            ExecutionContext context = new ExecutionContext();
            context.putString(VIDEO_ID, video.id().toString());
            context.putString(UPLOAD_ID, uploadId.toString());
            partitions.put("video-" + video.position() + "-" + video.id(), context);
        }
        return partitions;
    }
}
