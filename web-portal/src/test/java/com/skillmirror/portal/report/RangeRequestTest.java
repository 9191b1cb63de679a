package com.skillmirror.portal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.SkillMirrorApplication;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Team;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.LocalDiskStorage;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Range requests on a stored (encrypted) file over real HTTP: exactly the bytes asked for, overlapping and repeated
 * ranges merged, too many ranges and unsatisfiable ones refused with an empty 416, and a range read by seeking in
 * the encrypted file rather than decrypting it from its start.
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RangeRequestTest extends PortalTestSupport {

    /** A few MB: four of the encrypted store's 1 MB segments. */
    private static final byte[] VIDEO = new byte[3 * 1024 * 1024 + 17];

    static {
        new Random(42).nextBytes(VIDEO);
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectStorage storage;
    @Autowired
    StageResults stageResults;

    private static String token;
    private static String url;
    private static String storageKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void overlayOfAVideo() throws Exception {
        if (url != null && url.contains(":" + port + "/")) {
            return;
        }
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID[] ids = uploadWithVideo(team, coach, athlete(team, "Runner"));
        storageKey = stageResults.store(ids[0], ids[1], Artifact.OVERLAY, VIDEO);
        token = token(coach);
        url = "http://localhost:" + port + "/api/videos/" + ids[1] + "/files/" + Artifact.OVERLAY.kind();
    }

    @Test
    void withoutARangeTheWholeFileIsSentAndRangesAreOffered() throws Exception {
        HttpResponse<byte[]> whole = get(null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(VIDEO);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Content-Length")).contains(Integer.toString(VIDEO.length));
        assertThat(whole.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(whole.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"overlay.mp4\"");
    }

    @Test
    void aSingleRangeReturnsExactlyThoseBytes() throws Exception {
        assertSingle(get("bytes=1000-1999"), 1000, 1999);
        assertSingle(get("bytes=0-0"), 0, 0);
        assertSingle(get("bytes=3000000-"), 3000000, VIDEO.length - 1);
        assertSingle(get("bytes=-500"), VIDEO.length - 500, VIDEO.length - 1);
        assertSingle(get("bytes=1048000-1049999"), 1048000, 1049999); // across the first segment's end
        assertSingle(get("bytes=5-" + Long.MAX_VALUE + "9"), 5, VIDEO.length - 1); // a last byte past any file
    }

    /** The audit's request: 100 ranges of one byte. Repeated, they are one range; spread out, too many to serve. */
    @Test
    void aHundredOneByteRangesAreMergedOrRefusedNeverAHundredParts() throws Exception {
        HttpResponse<byte[]> same = get("bytes=" + String.join(",", java.util.Collections.nCopies(100, "7-7")));
        assertSingle(same, 7, 7);

        HttpResponse<byte[]> spread = get("bytes=" + IntStream.range(0, 100).mapToObj(i -> (i * 2) + "-" + (i * 2))
                .collect(Collectors.joining(",")));
        assertRefused(spread);

        // a hundred adjacent bytes are one range of a hundred bytes
        HttpResponse<byte[]> adjacent = get("bytes=" + IntStream.range(0, 100).mapToObj(i -> i + "-" + i)
                .collect(Collectors.joining(",")));
        assertSingle(adjacent, 0, 99);

        assertRefused(get("bytes=" + IntStream.range(0, 9).mapToObj(i -> (i * 10) + "-" + (i * 10))
                .collect(Collectors.joining(",")))); // nine separate ranges: one over the cap
    }

    @Test
    void overlappingRangesAreMergedAndSeparateOnesSentAsParts() throws Exception {
        assertSingle(get("bytes=0-99,50-149,150-199,10-20"), 0, 199);
        assertSingle(get("bytes=-100,3145000-"), 3145000, VIDEO.length - 1);

        HttpResponse<byte[]> two = get("bytes=2000000-2000009,100-199,150-250");
        assertThat(two.statusCode()).isEqualTo(206);
        String type = two.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        assertThat(two.headers().firstValue("Content-Length")).contains(Integer.toString(two.body().length));
        List<String[]> parts = parts(two.body(), type.substring(type.indexOf("boundary=") + 9));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)[0]).contains("Content-Range: bytes 100-250/" + VIDEO.length).contains("Content-Type: video/mp4");
        assertThat(parts.get(0)[1].getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(Arrays.copyOfRange(VIDEO, 100, 251));
        assertThat(parts.get(1)[0]).contains("Content-Range: bytes 2000000-2000009/" + VIDEO.length);
        assertThat(parts.get(1)[1].getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(Arrays.copyOfRange(VIDEO, 2000000, 2000010));
    }

    @Test
    void anUnsatisfiableOrInvalidRangeIsAnEmpty416WithTheSize() throws Exception {
        assertRefused(get("bytes=" + VIDEO.length + "-"));
        assertRefused(get("bytes=" + (VIDEO.length + 1000) + "-" + (VIDEO.length + 2000)));
        assertRefused(get("bytes=-0"));
        assertRefused(get("bytes=500-100"));
        assertRefused(get("bytes=abc"));
        assertRefused(get("bytes=1-2,x-y"));
        assertRefused(get("bytes=" + ",".repeat(150)));
    }

    @Test
    void aRangeWithIfRangeOrAnotherUnitGetsTheWholeFile() throws Exception {
        // the portal sends no ETag or Last-Modified, so no If-Range can match: the file may have changed
        HttpResponse<byte[]> conditional = http.send(request("bytes=0-9").header("If-Range", "\"an-old-etag\"").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(conditional.statusCode()).isEqualTo(200);
        assertThat(conditional.body()).isEqualTo(VIDEO);

        HttpResponse<byte[]> items = get("items=0-9");
        assertThat(items.statusCode()).isEqualTo(200);
        assertThat(items.body()).isEqualTo(VIDEO);
    }

    /**
     * The end of a large encrypted file is read by seeking to its segment: with a segment in the middle damaged on
     * disk, the last bytes still arrive intact, which they could not if the file were decrypted from its start.
     */
    @Test
    void aRangeAtTheEndOfALargeEncryptedFileIsReadBySeeking() throws Exception {
        Path onDisk = ((LocalDiskStorage) storage).root().resolve(storageKey);
        byte[] cipher = Files.readAllBytes(onDisk);
        assertThat(new String(cipher, StandardCharsets.ISO_8859_1)).doesNotContain(new String(VIDEO, 0, 64, StandardCharsets.ISO_8859_1));
        byte[] damaged = cipher.clone();
        damaged[1024 * 1024 + 5000] ^= 1; // inside the second segment
        Files.write(onDisk, damaged);
        try {
            assertSingle(get("bytes=-100"), VIDEO.length - 100, VIDEO.length - 1);
            assertSingle(get("bytes=2500000-2500099"), 2500000, 2500099);
        } finally {
            Files.write(onDisk, cipher);
        }
    }

    private void assertSingle(HttpResponse<byte[]> response, int first, int last) {
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes " + first + "-" + last + "/" + VIDEO.length);
        assertThat(response.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(last - first + 1));
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(VIDEO, first, last + 1));
    }

    private static void assertRefused(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes */" + VIDEO.length);
        assertThat(response.body()).isEmpty();
    }

    private HttpResponse<byte[]> get(String range) throws Exception {
        return http.send(request(range).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer(token));
        return range == null ? request : request.header("Range", range);
    }

    /** The parts of a multipart/byteranges body: {headers, content}, bytes as ISO-8859-1 characters. */
    private static List<String[]> parts(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        assertThat(text).endsWith(delimiter + "--\r\n");
        List<String[]> parts = new ArrayList<>();
        String[] chunks = text.substring(0, text.lastIndexOf(delimiter + "--")).split(java.util.regex.Pattern.quote(delimiter), -1);
        for (String chunk : Arrays.asList(chunks).subList(1, chunks.length)) {
            int split = chunk.indexOf("\r\n\r\n");
            // each part ends with the CRLF that belongs to the next delimiter
            parts.add(new String[] {chunk.substring(0, split), chunk.substring(split + 4, chunk.length() - 2)});
        }
        return parts;
    }
}
