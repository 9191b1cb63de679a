package com.skillmirror.pose.step;

import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores each committed chunk as one object named by its first frame: a re-run chunk overwrites, never duplicates.
 * Its people's appearances go beside it under the same name.
 */
class PoseChunkWriter implements ItemWriter<PoseFrame> {

    private final ObjectStorage storage;
    private final PoseSegment segment;
    private final ProxyFrameReader reader;
    private final PoseFrameProcessor processor;

    PoseChunkWriter(ObjectStorage storage, PoseSegment segment, ProxyFrameReader reader, PoseFrameProcessor processor) {
        this.storage = storage;
        this.segment = segment;
        this.reader = reader;
        this.processor = processor;
    }

    @Override
    public void write(Chunk<? extends PoseFrame> chunk) throws Exception {
        List<PoseFrame> frames = List.copyOf(chunk.getItems());
        if (frames.isEmpty()) {
            return;
        }
        PoseSeries series = new PoseSeries(processor.modelName(), reader.analysisFps(), reader.width(), reader.height(), frames);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        series.write(bytes);
        int first = frames.get(0).index();
        // the appearances first: a chunk whose landmarks are stored always has its appearances beside it
        ByteArrayOutputStream appearance = new ByteArrayOutputStream(16 * 1024);
        processor.takeAppearances(first, frames.get(frames.size() - 1).index()).write(appearance);
        storage.put(StorageKeys.poseAppearance(segment.uploadId(), segment.videoId(), first), appearance.toByteArray(),
                "application/octet-stream");
        String key = chunkKey(segment, first);
        storage.put(key, bytes.toByteArray(), "application/octet-stream");
    }

    static String chunkKey(PoseSegment segment, int firstFrame) {
        return StorageKeys.poseChunk(segment.uploadId(), segment.videoId(), firstFrame);
    }
}
