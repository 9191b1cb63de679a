package com.skillmirror.portal.upload;

import com.skillmirror.upload.UploadRejectedException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Every API error is JSON {"error": "what failed and what to do"}. */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(UploadRejectedException e) {
        HttpStatus status = e.getMessage().contains("over the limit") ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        String limit = e.getMaxUploadSize() > 0 ? " of " + DataSize.ofBytes(e.getMaxUploadSize()).toMegabytes() + " MB" : "";
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error",
                "A file is over the upload limit" + limit + ". Trim or compress it; nothing was stored."));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, String>> badMultipart(MultipartException e) {
        return ResponseEntity.badRequest().body(Map.of("error",
                "The upload is not a valid multipart/form-data request with 'files' parts: " + e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
