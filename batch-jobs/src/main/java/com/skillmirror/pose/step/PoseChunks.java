package com.skillmirror.pose.step;

import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.Video;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The landmark chunks the pose step stored for a video, joined in frame order, each frame exactly once. */
final class PoseChunks {

    private PoseChunks() {
    }

    static PoseSeries join(ObjectStorage storage, Video video) throws IOException {
        String prefix = StorageKeys.poseChunks(video.uploadId(), video.id());
        List<PoseSeries> parts = new ArrayList<>();
        for (String key : storage.list(prefix)) {
            try (InputStream in = storage.get(key)) {
                parts.add(PoseSeries.read(in));
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException("The pose step stored no landmarks for video " + video.id()
                    + "; restart the job to run the pose step again");
        }
        PoseSeries series = PoseSeries.concat(parts);
        int total = parts.stream().mapToInt(p -> p.frames().size()).sum();
        if (total != series.frames().size()) {
            throw new IllegalStateException("Pose chunks of video " + video.id() + " overlap (" + total + " frames in "
                    + parts.size() + " chunks, " + series.frames().size() + " distinct)");
        }
        return series;
    }
}
