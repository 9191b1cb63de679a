package com.skillmirror.portal.athlete;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.notes.CoachNote;
import com.skillmirror.notes.CoachNotes;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.notes.NoteJson;
import com.skillmirror.portal.security.AccountRepository;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** An athlete's data as a whole: what is shown, what is exported (right of access), what is erased. */
@Service
public class AthleteData {

    private final TeamRepository teams;
    private final AccessPolicy access;
    private final VideoRepository videos;
    private final AnalysisResults results;
    private final ObjectStorage storage;
    private final AccountRepository accounts;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final CoachNotes notes;
    private final JsonMapper json = JsonMapper.builder().build();

    public AthleteData(TeamRepository teams, AccessPolicy access, VideoRepository videos, AnalysisResults results,
                       ObjectStorage storage, AccountRepository accounts, TransactionTemplate transactions,
                       AuditLog audit, CoachNotes notes) {
        this.teams = teams;
        this.access = access;
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.accounts = accounts;
        this.transactions = transactions;
        this.audit = audit;
        this.notes = notes;
    }

    public Map<String, Object> describe(Actor actor, UUID athleteId) {
        access.requireAthlete(actor, athleteId);
        Athlete athlete = teams.athlete(athleteId).orElseThrow(() -> new NotFoundException("No athlete " + athleteId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", athlete.id());
        out.put("teamId", athlete.teamId());
        out.put("name", athlete.name());
        out.put("hasAccount", athlete.userId() != null);
        out.put("videos", videosOf(athleteId).stream().map(results::video).toList());
        return out;
    }

    /** The roster entries that are the actor's own (an athlete may be on several teams). */
    public List<Athlete> ownAthletes(Actor actor) {
        return teams.athletesOfUser(actor.id());
    }

    public List<Video> videosOf(UUID athleteId) {
        return videos.findByAthlete(athleteId);
    }

    /** Checks access and audits before the first byte is written, so a refused export writes nothing. */
    public Athlete startExport(Actor actor, UUID athleteId) {
        access.requireManageAthlete(actor, athleteId);
        Athlete athlete = teams.athlete(athleteId).orElseThrow(() -> new NotFoundException("No athlete " + athleteId));
        audit.record(actor.username(), AuditLog.EXPORT, "athlete:" + athleteId, null);
        return athlete;
    }

    /**
     * athlete.json, then per video its results (result.json), the coach's notes on it (notes.json, each naming its
     * annotated frame among the files) and every stored object (original, proxy, outputs, the notes' frames).
     */
    public void writeExport(Athlete athlete, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", athlete.id());
        profile.put("name", athlete.name());
        profile.put("teamId", athlete.teamId());
        profile.put("team", athlete.teamId() == null ? null : teams.find(athlete.teamId()).map(t -> t.name()).orElse(null));
        List<Video> list = videosOf(athlete.id());
        profile.put("videos", list.size());
        entry(zip, "athlete.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(profile));
        for (Video video : list) {
            String dir = "videos/" + video.id() + "/";
            entry(zip, dir + "result.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(results.video(video)));
            entry(zip, dir + "notes.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(notesOf(video)));
            String prefix = StorageKeys.videoPrefix(video.uploadId(), video.id());
            for (String key : storage.list(prefix)) {
                zip.putNextEntry(new ZipEntry(dir + "files/" + key.substring(prefix.length())));
                try (InputStream in = storage.get(key)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        zip.finish();
    }

    /** The video's notes as the API shows them, each with its frame's path inside the export instead of a URL. */
    private List<Map<String, Object>> notesOf(Video video) {
        String prefix = StorageKeys.videoPrefix(video.uploadId(), video.id());
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (CoachNote note : notes.list(video.id())) {
            Map<String, Object> body = NoteJson.of(note, null);
            body.put("frame", "files/" + StorageKeys.coachNoteFrame(video.uploadId(), video.id(), note.id())
                    .substring(prefix.length()));
            out.add(body);
        }
        return out;
    }

    /**
     * Erases the athlete: stored objects of their videos first (a failure leaves the rows, so the delete can be
     * retried; the coach's notes' frames are among them), then the video rows (stage results, artifacts, comparisons
     * and the coach's notes cascade), the roster entry, and their
     * athlete account if they have one.
     */
    public int delete(Actor actor, UUID athleteId) throws IOException {
        access.requireManageAthlete(actor, athleteId);
        Athlete athlete = teams.athlete(athleteId).orElseThrow(() -> new NotFoundException("No athlete " + athleteId));
        List<Video> list = videosOf(athleteId);
        for (Video video : list) {
            storage.deleteAll(StorageKeys.videoPrefix(video.uploadId(), video.id()));
        }
        transactions.executeWithoutResult(tx -> {
            videos.deleteByAthlete(athleteId);
            teams.deleteAthlete(athleteId);
            if (athlete.userId() != null) {
                accounts.deleteAthleteAccount(athlete.userId());
            }
        });
        audit.record(actor.username(), AuditLog.DELETE, "athlete:" + athleteId, list.size() + " videos and their stored files");
        return list.size();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
