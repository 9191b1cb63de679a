package com.skillmirror.speech.step;

import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import java.util.UUID;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import tools.jackson.databind.json.JsonMapper;

/** One object per window, named by its index: a re-run window replaces itself. */
class WindowTranscriptWriter implements ItemWriter<WindowTranscript> {

    private final ObjectStorage storage;
    private final JsonMapper json;
    private final UUID uploadId;
    private final UUID videoId;

    WindowTranscriptWriter(ObjectStorage storage, JsonMapper json, UUID uploadId, UUID videoId) {
        this.storage = storage;
        this.json = json;
        this.uploadId = uploadId;
        this.videoId = videoId;
    }

    @Override
    public void write(Chunk<? extends WindowTranscript> chunk) throws Exception {
        for (WindowTranscript window : chunk) {
            byte[] bytes = json.writeValueAsBytes(window);
            String key = StorageKeys.speechWindow(uploadId, videoId, window.index());
            storage.put(key, bytes, "application/json");
        }
    }
}
