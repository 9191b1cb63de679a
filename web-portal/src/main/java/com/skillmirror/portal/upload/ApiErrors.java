package com.skillmirror.portal.upload;

import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.TooManyRequestsException;
import com.skillmirror.upload.UploadRejectedException;
import com.skillmirror.upload.UploadSettings;
import java.util.Map;
import com.skillmirror.portal.web.ClientMessages;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Every API error is JSON {"error": "what failed and what to do"}. */
@RestControllerAdvice
class ApiErrors {

    private final int maxFiles;

    ApiErrors(UploadSettings uploads) {
        this.maxFiles = uploads.maxFiles();
    }

    /** Tomcat reports its part-count cap as a size limit; the cause chain says which it was. */
    private static boolean tooManyParts(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("FileCountLimitExceededException")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(UploadRejectedException e) {
        HttpStatus status = e.getMessage().contains("over the limit") ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        if (tooManyParts(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", "The upload has more parts"
                    + " than " + maxFiles + " files with their athlete and skill fields allow. Send at most " + maxFiles
                    + " files per upload; nothing was stored."));
        }
        String limit = e.getMaxUploadSize() > 0 ? " of " + DataSize.ofBytes(e.getMaxUploadSize()).toMegabytes() + " MB" : "";
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error",
                "A file is over the upload limit" + limit + ". Trim or compress it; nothing was stored."));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, String>> badMultipart(MultipartException e) {
        return ResponseEntity.badRequest().body(Map.of("error",
                "The upload is not a valid multipart/form-data request with 'files' parts; nothing was stored."));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    /** A file the database lists but storage no longer has (deleted by hand, storage switched): gone, not a crash. */
    @ExceptionHandler(java.nio.file.NoSuchFileException.class)
    ResponseEntity<Map<String, String>> storedFileGone(java.nio.file.NoSuchFileException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "This file is no longer in storage"
                + " (deleted, or the storage settings changed). Restart the video's analysis to write it again."));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Map<String, String>> forbidden(ForbiddenException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Map<String, String>> tooMany(TooManyRequestsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(AnalysisInProgressException.class)
    ResponseEntity<Map<String, String>> inProgress(AnalysisInProgressException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", ClientMessages.of(e)));
    }

    /** A path or query value of the wrong type: named, without the converter's internals. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> wrongType(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest().body(Map.of("error", "'" + e.getName() + "' must be a valid "
                + (type.equals("UUID") ? "id (UUID)" : type) + ". Check the link or the value you sent."));
    }

    /** A request body that is not the JSON expected: said plainly, without the parser's internals. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error",
                "The request body is missing or is not the JSON this endpoint expects; see /v3/api-docs."));
    }

    @ExceptionHandler(PortalUploads.UnsupportedTypeException.class)
    ResponseEntity<Map<String, String>> unsupportedPart(PortalUploads.UnsupportedTypeException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> unsupported(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("error",
                "Content type " + e.getContentType() + " is not accepted here; supported: " + e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Map<String, String>> duplicate(DuplicateKeyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "That name is already taken here."));
    }
}
