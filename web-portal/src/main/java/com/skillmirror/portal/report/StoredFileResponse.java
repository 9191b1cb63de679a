package com.skillmirror.portal.report;

import com.skillmirror.storage.ObjectStorage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A stored file as a download, whole or in the byte ranges asked for (a browser seeks in the overlay video with
 * them). Written here rather than by Spring MVC's Resource handling, which reads every range from the start of the
 * file, accepts any number of overlapping ranges and sends the whole file with a 416: each range here is one ranged
 * read from storage (a seek in the encrypted file), ranges are merged and capped ({@link ByteRanges}), and a 416
 * has an empty body. Public for the comparison player's video streams (portal.player).
 */
public final class StoredFileResponse {

    private final ObjectStorage storage;
    private final String key;
    private final String fileName;
    private final MediaType contentType;

    public StoredFileResponse(ObjectStorage storage, String key, String fileName, String contentType) {
        this.storage = storage;
        this.key = key;
        this.fileName = fileName;
        this.contentType = MediaType.parseMediaType(contentType == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : contentType);
    }

    public void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // before any header is set: a file that is gone is still a clean 404 from the error handler
        long size = storage.size(key);
        ByteRanges.Answer answer = ByteRanges.of(request.getHeader(HttpHeaders.RANGE), request.getHeader(HttpHeaders.IF_RANGE), size);
        boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
        if (answer instanceof ByteRanges.Partial partial) {
            if (partial.ranges().size() == 1) {
                single(response, partial.ranges().get(0), size, head);
            } else {
                multipart(response, partial.ranges(), size, head);
            }
        } else if (answer instanceof ByteRanges.Unsatisfiable) {
            commonHeaders(response);
            response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            response.setContentLengthLong(0);
        } else {
            whole(response, size, head);
        }
    }

    private void whole(HttpServletResponse response, long size, boolean head) throws IOException {
        InputStream in = head ? InputStream.nullInputStream() : storage.get(key);
        try (in) {
            commonHeaders(response);
            response.setContentType(contentType.toString());
            response.setContentLengthLong(size);
            in.transferTo(response.getOutputStream());
        }
    }

    private void single(HttpServletResponse response, ByteRanges.Range range, long size, boolean head) throws IOException {
        InputStream in = head ? InputStream.nullInputStream() : storage.get(key, range.start(), range.length());
        try (in) {
            commonHeaders(response);
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setContentType(contentType.toString());
            response.setHeader(HttpHeaders.CONTENT_RANGE, contentRange(range, size));
            response.setContentLengthLong(range.length());
            in.transferTo(response.getOutputStream());
        }
    }

    /** multipart/byteranges (RFC 9110 §14.6), parts in ascending order; its length is known before the first byte. */
    private void multipart(HttpServletResponse response, List<ByteRanges.Range> ranges, long size, boolean head) throws IOException {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        List<byte[]> partHeads = new ArrayList<>();
        long length = 0;
        for (ByteRanges.Range range : ranges) {
            byte[] partHead = ("\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Range: "
                    + contentRange(range, size) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            partHeads.add(partHead);
            length += partHead.length + range.length();
        }
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        length += tail.length;

        InputStream first = head ? InputStream.nullInputStream() : storage.get(key, ranges.get(0).start(), ranges.get(0).length());
        try (first) {
            commonHeaders(response);
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setContentType("multipart/byteranges; boundary=" + boundary);
            response.setContentLengthLong(length);
            if (head) {
                return;
            }
            OutputStream out = response.getOutputStream();
            for (int i = 0; i < ranges.size(); i++) {
                out.write(partHeads.get(i));
                ByteRanges.Range range = ranges.get(i);
                try (InputStream in = i == 0 ? first : storage.get(key, range.start(), range.length())) {
                    in.transferTo(out);
                }
            }
            out.write(tail);
        }
    }

    private void commonHeaders(HttpServletResponse response) {
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString());
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    private static String contentRange(ByteRanges.Range range, long size) {
        return "bytes " + range.start() + "-" + range.end() + "/" + size;
    }
}
