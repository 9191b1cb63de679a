package com.skillmirror.portal.athlete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.portal.PortalCoreSlice;
import com.skillmirror.portal.PortalSliceTest;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageConfiguration;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadOwner;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * An athlete's data as a whole on the real database and storage: the export holds exactly their videos (rows,
 * results and stored files), and erasure removes their videos, files, roster entry and account and nothing of a
 * teammate, even one filmed in the same upload.
 */
@SpringBootTest(classes = AthleteDataTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AthleteDataTest extends PortalSliceTest {

    @Import({PortalCoreSlice.class, AthleteData.class, TeamRepository.class, VideoRepository.class, UploadService.class,
            AnalysisResults.class, StageResults.class, StorageConfiguration.class,
            com.skillmirror.notes.CoachNotes.class})
    static class Slice {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AthleteData athletes;
    @Autowired
    TeamRepository teams;
    @Autowired
    UploadService uploads;
    @Autowired
    VideoRepository videos;
    @Autowired
    StageResults stages;
    @Autowired
    ObjectStorage storage;

    Account coachAccount;
    Actor coach;
    Team team;
    Athlete ana;
    Athlete ben;
    Account anasAccount;
    Account bensAccount;
    Video anaInShared;
    Video benInShared;
    Video anaAlone;

    /** Ana and Ben on one team, both with accounts; one upload films both, a second one Ana alone. */
    @BeforeEach
    void twoAthletesAndTheirVideos() throws IOException {
        coachAccount = account(Role.COACH);
        coach = actor(coachAccount);
        team = teams.create("Track " + fresh(), coach.id());
        ana = teams.addAthlete(team.id(), "Ana " + fresh());
        ben = teams.addAthlete(team.id(), "Ben " + fresh());
        anasAccount = account(Role.ATHLETE);
        bensAccount = account(Role.ATHLETE);
        assertThat(teams.linkUnclaimed(ana.id(), anasAccount.id()) && teams.linkUnclaimed(ben.id(), bensAccount.id())).isTrue();

        UploadOwner owner = new UploadOwner(team.id(), coach.id());
        List<Video> shared = uploads.create(owner, List.of(file("ana-start.mp4", ana), file("ben-start.mp4", ben))).videos();
        anaInShared = shared.get(0);
        benInShared = shared.get(1);
        anaAlone = uploads.create(owner, List.of(file("ana-sprint.mp4", ana))).videos().get(0);
        for (Video video : List.of(anaInShared, benInShared, anaAlone)) {
            stages.store(video.uploadId(), video.id(), Artifact.POSE_CSV, ("landmarks of " + video.originalName())
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theExportHoldsTheAthletesProfileAndEachOfTheirVideosWithItsResultsAndFiles() throws IOException {
        Actor herself = actor(anasAccount);
        Athlete exported = athletes.startExport(herself, ana.id());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        athletes.writeExport(exported, zip);
        Map<String, byte[]> entries = unzip(zip.toByteArray());

        Map<?, ?> profile = JSON.readValue(entries.get("athlete.json"), Map.class);
        assertThat(profile.get("name")).isEqualTo(ana.name());
        assertThat(profile.get("team")).isEqualTo(team.name());
        assertThat(profile.get("videos")).isEqualTo(2);
        for (Video video : List.of(anaInShared, anaAlone)) {
            String dir = "videos/" + video.id() + "/";
            assertThat(JSON.readValue(entries.get(dir + "result.json"), Map.class))
                    .containsEntry("videoId", video.id().toString()).containsEntry("file", video.originalName());
            String prefix = StorageKeys.videoPrefix(video.uploadId(), video.id());
            assertThat(new String(entries.get(dir + "files/" + video.storageKey().substring(prefix.length())),
                    StandardCharsets.UTF_8)).isEqualTo("clip " + video.originalName());
            assertThat(new String(entries.get(dir + "files/" + Artifact.POSE_CSV.fileName()), StandardCharsets.UTF_8))
                    .isEqualTo("landmarks of " + video.originalName());
        }
        assertThat(entries.keySet()).as("nothing of Ben's, though he was filmed in the same upload")
                .noneMatch(name -> name.contains(benInShared.id().toString()));
        assertThat(entries.values()).noneMatch(bytes -> new String(bytes, StandardCharsets.UTF_8).contains("ben-start"));
        assertThat(audited("EXPORT", anasAccount.username(), "athlete:" + ana.id())).isEqualTo(1);
    }

    @Test
    void anExportOfSomeoneElsesDataIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> athletes.startExport(actor(anasAccount), ben.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> athletes.startExport(actor(account(Role.COACH)), ana.id())).isInstanceOf(NotFoundException.class);
        Account expert = account(Role.EXPERT);
        teams.addMember(team.id(), expert.id());
        assertThatThrownBy(() -> athletes.startExport(actor(expert), ana.id())).isInstanceOf(ForbiddenException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND target IN (?, ?)")
                .params("athlete:" + ana.id(), "athlete:" + ben.id()).query(Long.class).single()).isZero();
    }

    @Test
    void erasureRemovesTheAthletesVideosFilesRosterEntryAndAccountAndNothingOfATeammate() throws IOException {
        int erased = athletes.delete(coach, ana.id());

        assertThat(erased).isEqualTo(2);
        assertThat(videos.findByAthlete(ana.id())).isEmpty();
        for (Video video : List.of(anaInShared, anaAlone)) {
            assertThat(videos.find(video.id())).isEmpty();
            assertThat(storage.list(StorageKeys.videoPrefix(video.uploadId(), video.id()))).as("stored files").isEmpty();
            assertThat(stages.key(video.id(), Artifact.POSE_CSV)).as("artifact rows").isEmpty();
        }
        assertThat(teams.athlete(ana.id())).isEmpty();
        assertThat(accountExists(anasAccount)).isFalse();
        assertThat(audited("DELETE", coach.username(), "athlete:" + ana.id())).isEqualTo(1);

        assertThat(videos.findByAthlete(ben.id())).extracting(Video::id).containsExactly(benInShared.id());
        assertThat(storage.list(StorageKeys.videoPrefix(benInShared.uploadId(), benInShared.id())))
                .contains(benInShared.storageKey(), StorageKeys.artifact(benInShared.uploadId(), benInShared.id(), Artifact.POSE_CSV));
        assertThat(stages.key(benInShared.id(), Artifact.POSE_CSV)).isPresent();
        assertThat(teams.athlete(ben.id())).map(Athlete::userId).contains(bensAccount.id());
        assertThat(accountExists(bensAccount)).isTrue();
        assertThat(accountExists(coachAccount)).as("the coach's account, who erased").isTrue();
    }

    @Test
    void onlyTheTeamsCoachesAndTheAthleteThemselfMayEraseAndARefusalErasesNothing() throws IOException {
        Account expert = account(Role.EXPERT);
        teams.addMember(team.id(), expert.id());
        assertThatThrownBy(() -> athletes.delete(actor(expert), ana.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> athletes.delete(actor(account(Role.COACH)), ana.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> athletes.delete(actor(bensAccount), ana.id())).isInstanceOf(NotFoundException.class);
        assertThat(videos.findByAthlete(ana.id())).hasSize(2);
        assertThat(storage.list(StorageKeys.videoPrefix(anaAlone.uploadId(), anaAlone.id()))).isNotEmpty();

        assertThat(athletes.delete(actor(anasAccount), ana.id())).as("her own right to erasure").isEqualTo(2);
        assertThat(accountExists(anasAccount)).isFalse();
    }

    private static IncomingFile file(String name, Athlete athlete) {
        byte[] bytes = ("clip " + name).getBytes(StandardCharsets.UTF_8);
        return new IncomingFile(name, bytes.length, () -> new ByteArrayInputStream(bytes), athlete.id(), athlete.name(),
                null);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private boolean accountExists(Account account) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE id = ?").param(account.id()).query(Long.class).single() > 0;
    }

    private long audited(String action, String actor, String target) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = ? AND actor = ? AND target = ?")
                .params(action, actor, target).query(Long.class).single();
    }
}
