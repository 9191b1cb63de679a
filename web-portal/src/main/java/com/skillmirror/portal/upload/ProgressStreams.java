package com.skillmirror.portal.upload;

import com.skillmirror.analysis.ProgressEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Live progress to browsers (server-sent events), fed by in-process stages or by workers through the broker. */
@Component
class ProgressStreams {

    private final Map<UUID, List<SseEmitter>> emitters = new ConcurrentHashMap<>();

    SseEmitter open(UUID uploadId) {
        SseEmitter emitter = new SseEmitter(0L);
        List<SseEmitter> list = emitters.computeIfAbsent(uploadId, k -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        Runnable remove = () -> list.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        // A first comment makes the response (headers included) go out now rather than with the first event, so
        // clients see the stream open at once (EventSource.onopen, where the page fetches the current status).
        try {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    @EventListener
    void onProgress(ProgressEvent event) {
        List<SseEmitter> list = emitters.get(event.uploadId());
        if (list == null) {
            return;
        }
        for (SseEmitter emitter : list) {
            try {
                emitter.send(SseEmitter.event().name(event.type()).data(event));
            } catch (IOException | IllegalStateException e) {
                list.remove(emitter);
            }
        }
    }
}
