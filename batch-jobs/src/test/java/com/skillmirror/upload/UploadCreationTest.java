package com.skillmirror.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.testsupport.OwnDatabaseTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * An upload is inserted complete (team, creator, each video's roster athlete) in one transaction, or not at all:
 * a refused athlete leaves neither rows nor stored files.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class UploadCreationTest extends OwnDatabaseTest {

    @Autowired
    ObjectStorage storage;
    @Autowired
    VideoRepository videos;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anUploadHasItsTeamCreatorAndAthletesFromItsFirstInsert() throws IOException {
        UUID team = team("Rowing");
        UUID coach = account("coach-" + UUID.randomUUID());
        UUID ana = athlete(team, "Ana López");

        UploadService.Created created = uploads().create(new UploadOwner(team, coach),
                List.of(file("ana.mp4", ana, "Ana López"), file("warm-up.mp4", null, null)));

        Map<String, Object> upload = jdbc.sql("SELECT team_id, created_by, status FROM upload WHERE id = ?")
                .param(created.uploadId()).query().singleRow();
        assertThat(upload).containsEntry("team_id", team).containsEntry("created_by", coach)
                .containsEntry("status", "RECEIVED");
        assertThat(videos.findByUpload(created.uploadId())).extracting(Video::athleteId, Video::athleteName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ana, "Ana López"),
                        org.assertj.core.groups.Tuple.tuple(null, null));
        // one inserting transaction and no later patch: a row updated afterwards would carry another xmin
        List<String> writers = jdbc.sql("""
                SELECT DISTINCT xmin::text FROM (SELECT xmin FROM upload WHERE id = :id
                                                  UNION ALL SELECT xmin FROM video WHERE upload_id = :id) w""")
                .param("id", created.uploadId()).query(String.class).list();
        assertThat(writers).as("transactions that wrote the upload's rows").hasSize(1);
    }

    @Test
    void anAthleteOfAnotherTeamLeavesNoRowsAndNoStoredFiles() throws IOException {
        UUID rowing = team("Rowing");
        UUID judo = team("Judo");
        UUID mine = athlete(rowing, "Ben");
        UUID theirs = athlete(judo, "Kim");
        long uploadsBefore = count("upload");
        long videosBefore = count("video");
        List<String> objectsBefore = storage.list("uploads/");
        Recording recording = new Recording(storage);

        // both files are stored before the insert refuses the second one's athlete
        assertThatThrownBy(() -> uploads(recording).create(new UploadOwner(rowing, null),
                List.of(file("ben.mp4", mine, "Ben"), file("kim.mp4", theirs, "Kim"))))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining(theirs.toString()).hasMessageContaining("not on this upload's team");
        // without a team there is no roster to pick from
        assertThatThrownBy(() -> uploads(recording).create(UploadOwner.NONE, List.of(file("ben.mp4", mine, "Ben"))))
                .isInstanceOf(UploadRejectedException.class);

        assertThat(recording.stored).as("files stored before the refusal").hasSize(3);
        assertThat(storage.list("uploads/")).as("stored objects").isEqualTo(objectsBefore);
        assertThat(count("upload")).as("upload rows").isEqualTo(uploadsBefore);
        assertThat(count("video")).as("video rows").isEqualTo(videosBefore);
    }

    @Test
    void backdatedCopiesShareTheFilesAndStepBackADayEach() throws IOException {
        UploadService.Created created = uploads().create(List.of(file("squat.mp4", null, "Zoë")));
        Video original = created.videos().get(0);

        List<UUID> copies = videos.copyBackdated(original.id(), 2);

        assertThat(copies).hasSize(2).doesNotContain(original.id());
        for (int n = 1; n <= copies.size(); n++) {
            Video copy = videos.find(copies.get(n - 1)).orElseThrow();
            assertThat(copy.uploadId()).isNotEqualTo(original.uploadId());
            assertThat(copy.storageKey()).isEqualTo(original.storageKey());
            assertThat(copy.athleteName()).isEqualTo("Zoë");
            Long daysBack = jdbc.sql("""
                    SELECT CAST(EXTRACT(DAY FROM (o.created_at - c.created_at)) AS BIGINT)
                      FROM upload o, upload c WHERE o.id = ? AND c.id = ?""")
                    .params(original.uploadId(), copy.uploadId()).query(Long.class).single();
            assertThat(daysBack).as("copy " + n).isEqualTo(n);
        }
    }

    private UploadService uploads() {
        return uploads(storage);
    }

    private UploadService uploads(ObjectStorage into) {
        return new UploadService(into, videos, new UploadSettings(DataSize.ofMegabytes(1), 10));
    }

    private static IncomingFile file(String name, UUID athleteId, String athleteName) {
        byte[] bytes = ("not really a video: " + name).getBytes(StandardCharsets.UTF_8);
        return new IncomingFile(name, bytes.length, () -> new ByteArrayInputStream(bytes), athleteId, athleteName,
                "squat");
    }

    private UUID team(String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO team (id, name) VALUES (?, ?)").params(id, name).update();
        return id;
    }

    private UUID athlete(UUID team, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO athlete (id, team_id, name) VALUES (?, ?, ?)").params(id, team, name).update();
        return id;
    }

    private UUID account(String username) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO app_user (id, username, role) VALUES (?, ?, 'COACH')").params(id, username).update();
        return id;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** The real storage, remembering what was put into it. */
    private static final class Recording implements ObjectStorage {
        private final ObjectStorage storage;
        private final List<String> stored = new ArrayList<>();

        Recording(ObjectStorage storage) {
            this.storage = storage;
        }

        @Override
        public void put(String key, InputStream content, long size, String contentType) throws IOException {
            storage.put(key, content, size, contentType);
            stored.add(key);
        }

        @Override
        public InputStream get(String key) throws IOException {
            return storage.get(key);
        }

        @Override
        public InputStream get(String key, long offset, long length) throws IOException {
            return storage.get(key, offset, length);
        }

        @Override
        public void download(String key, java.nio.file.Path target) throws IOException {
            storage.download(key, target);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return storage.exists(key);
        }

        @Override
        public long size(String key) throws IOException {
            return storage.size(key);
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            return storage.list(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            storage.delete(key);
        }
    }
}
