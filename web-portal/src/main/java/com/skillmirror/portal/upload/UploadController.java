package com.skillmirror.portal.upload;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.VideoRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Bulk upload and status. Files arrive as multipart parts that the container spools to disk (never held in memory)
 * and are streamed on to storage; athlete and skill tags are given per file (same order) or once for all.
 */
@RestController
@RequestMapping("/api/uploads")
class UploadController {

    private final UploadService uploads;
    private final AnalysisLauncher launcher;
    private final AnalysisResults results;
    private final VideoRepository videos;
    private final ProgressStreams streams;

    UploadController(UploadService uploads, AnalysisLauncher launcher, AnalysisResults results, VideoRepository videos,
                     ProgressStreams streams) {
        this.uploads = uploads;
        this.launcher = launcher;
        this.results = results;
        this.videos = videos;
        this.streams = streams;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@RequestParam("files") List<MultipartFile> files,
                                               @RequestParam(name = "athlete", required = false) List<String> athletes,
                                               @RequestParam(name = "skill", required = false) List<String> skills)
            throws IOException {
        List<IncomingFile> incoming = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            MultipartFile file = files.get(i);
            incoming.add(new IncomingFile(file.getOriginalFilename(), file.getSize(), file::getInputStream,
                    tag(athletes, i, files.size()), tag(skills, i, files.size())));
        }
        UploadService.Created created = uploads.create(incoming);
        launcher.runInBackground(created.uploadId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uploadId", created.uploadId());
        body.put("status", "RECEIVED");
        body.put("videos", created.videos().stream()
                .map(v -> Map.of("videoId", v.id(), "file", v.originalName(), "sizeBytes", v.sizeBytes())).toList());
        body.put("statusUrl", "/api/uploads/" + created.uploadId());
        body.put("eventsUrl", "/api/uploads/" + created.uploadId() + "/events");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/{uploadId}")
    Map<String, Object> status(@PathVariable UUID uploadId) {
        videos.uploadStatus(uploadId).orElseThrow(() -> new NotFoundException("No upload " + uploadId));
        return results.upload(uploadId);
    }

    @GetMapping(path = "/{uploadId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID uploadId) {
        videos.uploadStatus(uploadId).orElseThrow(() -> new NotFoundException("No upload " + uploadId));
        return streams.open(uploadId);
    }

    /** A tag list holds one value for all files, or one per file in upload order. */
    private static String tag(List<String> values, int index, int files) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        if (values.size() != files) {
            throw new com.skillmirror.upload.UploadRejectedException("Give one athlete/skill per file (" + files
                    + " files, " + values.size() + " tags) or one for all.");
        }
        return values.get(index);
    }
}
