package com.skillmirror.portal.upload;

import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.RateLimiter;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.AthletePoint;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadOwner;
import com.skillmirror.upload.UploadRejectedException;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * An upload as the portal takes it: who may upload where, athletes resolved against the team's roster, the upload
 * created with its team, creator and athletes, then the analysis started. Everything is checked before anything is
 * stored.
 */
@Service
public class PortalUploads {

    /** Declared part types we accept; browsers send video/* for clips and octet-stream when they do not know. */
    private static final Set<String> ACCEPTED_TYPES = Set.of("application/octet-stream", "application/mp4");

    private final UploadService uploads;
    private final AnalysisLauncher launcher;
    private final AccessPolicy access;
    private final TeamRepository teams;
    private final RateLimiter limiter;
    private final SkillRegistry skills;

    public PortalUploads(UploadService uploads, AnalysisLauncher launcher, AccessPolicy access, TeamRepository teams,
                         RateLimiter limiter, SkillRegistry skills) {
        this.skills = skills;
        this.uploads = uploads;
        this.launcher = launcher;
        this.access = access;
        this.teams = teams;
        this.limiter = limiter;
    }

    /** Thrown for a part whose declared type is clearly not a video. */
    public static final class UnsupportedTypeException extends RuntimeException {
        UnsupportedTypeException(String message) {
            super(message);
        }
    }

    public Map<String, Object> upload(Actor actor, UUID teamId, List<MultipartFile> files, List<String> athletes,
                                      List<String> skills, String basePath) {
        return upload(actor, teamId, files, athletes, skills, true, basePath);
    }

    /**
     * @param tagsFromFileNames whether a blank athlete or skill is read from the file name; the upload page says no,
     *                          as it has shown that reading already and a blank left there is the coach's choice
     */
    public Map<String, Object> upload(Actor actor, UUID teamId, List<MultipartFile> files, List<String> athletes,
                                      List<String> skills, boolean tagsFromFileNames, String basePath) {
        return upload(actor, teamId, files, athletes, skills, null, tagsFromFileNames, basePath);
    }

    /**
     * @param athletePoints who the athlete is in each file when several people are in view: "X,Y" on the thumbnail
     *                      (0..1 from its top left), per file in upload order or once for all; blank = none
     */
    public Map<String, Object> upload(Actor actor, UUID teamId, List<MultipartFile> files, List<String> athletes,
                                      List<String> skills, List<String> athletePoints, boolean tagsFromFileNames,
                                      String basePath) {
        if (!actor.canManageTeams()) {
            throw new ForbiddenException("Only coaches and admins upload videos.");
        }
        if (teamId != null) {
            access.requireManageTeam(actor, teamId);
        }
        limiter.upload(actor);
        List<IncomingFile> incoming = new ArrayList<>();
        Tagger fromFileName = tagsFromFileNames ? tagger(teamId) : Tagger.NONE;
        for (int i = 0; i < files.size(); i++) {
            MultipartFile file = files.get(i);
            checkType(file);
            // a tag left blank is read from the file name ("ana-lopez_squat_03.mp4"), when that is unambiguous
            FileTags guess = fromFileName.tags(file.getOriginalFilename());
            String athlete = orElse(tag(athletes, i, files.size()), guess.athleteId());
            String skill = orElse(tag(skills, i, files.size()), guess.skillId());
            Optional<Athlete> onRoster = teamId == null ? Optional.empty() : rosterAthlete(teamId, athlete);
            incoming.add(new IncomingFile(file.getOriginalFilename(), file.getSize(), file::getInputStream,
                    onRoster.map(Athlete::id).orElse(null), onRoster.map(Athlete::name).orElse(athlete), skill)
                    .withAthletePoint(athletePoint(tag(athletePoints, i, files.size()), file)));
        }
        UploadService.Created created;
        try {
            created = uploads.create(new UploadOwner(teamId, actor.id()), incoming);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launcher.runInBackground(created.uploadId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uploadId", created.uploadId());
        body.put("teamId", teamId);
        body.put("status", "RECEIVED");
        body.put("videos", created.videos().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("videoId", v.id());
            m.put("file", v.originalName());
            m.put("sizeBytes", v.sizeBytes());
            m.put("athlete", v.athleteName());
            m.put("athleteId", v.athleteId());
            m.put("skill", v.skillId());
            return m;
        }).toList());
        body.put("statusUrl", basePath + "/" + created.uploadId());
        body.put("liveUrl", basePath + "/" + created.uploadId() + "/live");
        return body;
    }

    /** What the upload would read from each file name: the upload page shows it before anything is sent. */
    public record FileTags(String file, String athleteId, String skillId) {
    }

    public List<FileTags> tagsFromFileNames(Actor actor, UUID teamId, List<String> fileNames) {
        if (!actor.canManageTeams()) {
            throw new ForbiddenException("Only coaches and admins upload videos.");
        }
        if (teamId != null) {
            access.requireManageTeam(actor, teamId);
        }
        Tagger tagger = tagger(teamId);
        return fileNames.stream().map(tagger::tags).toList();
    }

    private record Tagger(Map<String, List<String>> roster, Map<String, List<String>> skills) {
        static final Tagger NONE = new Tagger(Map.of(), Map.of());

        FileTags tags(String fileName) {
            return new FileTags(fileName, FileNameTags.match(fileName, roster).orElse(null),
                    FileNameTags.match(fileName, skills).orElse(null));
        }
    }

    private Tagger tagger(UUID teamId) {
        Map<String, List<String>> roster = teamId == null ? Map.of() : teams.athletes(teamId).stream()
                .collect(Collectors.toMap(a -> a.id().toString(), a -> List.of(a.name())));
        Map<String, List<String>> skillNames = skills.all().stream()
                .collect(Collectors.toMap(SkillDefinition::id, s -> List.of(s.id(), s.name())));
        return new Tagger(roster, skillNames);
    }

    private static String orElse(String tag, String fromFileName) {
        return tag != null && !tag.isBlank() ? tag : fromFileName != null ? fromFileName : tag;
    }

    /** With a team, an athlete tag is a roster entry, by id or by exact name; anything else is refused. */
    private Optional<Athlete> rosterAthlete(UUID teamId, String athlete) {
        if (athlete == null || athlete.isBlank()) {
            return Optional.empty();
        }
        Optional<Athlete> found;
        try {
            UUID id = UUID.fromString(athlete.strip());
            found = teams.athlete(id).filter(a -> teamId.equals(a.teamId()));
        } catch (IllegalArgumentException notAnId) {
            found = teams.athleteByName(teamId, athlete.strip());
        }
        if (found.isEmpty()) {
            throw new UploadRejectedException("Athlete '" + athlete.strip().replaceAll("\\p{Cntrl}", "")
                    + "' is not on this team's roster. Add them first; nothing was stored.");
        }
        return found;
    }

    /** The declared type, then the bytes themselves: both must be a video (or unknown binary) before anything is stored. */
    private static void checkType(MultipartFile file) {
        String type = file.getContentType();
        // split with a limit: ";;;" splits into nothing at all, and a type made of parameters only declares none
        String declared = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (declared.isEmpty()) {
            declared = null;
        }
        if (declared != null && !declared.startsWith("video/") && !ACCEPTED_TYPES.contains(declared)) {
            throw notAVideo(file, declared);
        }
        try {
            String detected = UploadContent.notMedia(file);
            if (detected != null) {
                throw notAVideo(file, detected + " by its content");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded part " + safeName(file), e);
        }
    }

    private static UnsupportedTypeException notAVideo(MultipartFile file, String what) {
        return new UnsupportedTypeException("File '" + safeName(file) + "' is " + what
                + ", not a video. Upload video files (MP4, MOV, AVI, MKV, WebM); nothing was stored.");
    }

    private static String safeName(MultipartFile file) {
        return String.valueOf(file.getOriginalFilename()).replaceAll("\\p{Cntrl}", "");
    }

    /**
     * The request's athletePoint values as sent, one per file or one for all. Read raw: a point is "X,Y", and Spring
     * would split a single comma-separated value into a list.
     */
    public static List<String> athletePoints(jakarta.servlet.http.HttpServletRequest request) {
        String[] values = request.getParameterValues("athletePoint");
        return values == null ? null : List.of(values);
    }

    /** A point given for a file, checked before anything is stored; null when blank. */
    static AthletePoint athletePoint(String text, MultipartFile file) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return AthletePoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UploadRejectedException(e.getMessage() + " (file '" + safeName(file) + "'); nothing was stored.");
        }
    }

    /**
     * Analyses a video again, as a new analysis of the same stored file with the same tags and this athlete point:
     * the whole video runs again (the point changes who every later stage looks at, and re-running decode and pose
     * costs minutes, not a coach's time). The earlier analysis stays until it is deleted.
     */
    public Map<String, Object> reanalyse(Actor actor, Video video, UUID teamId, AthletePoint point,
                                         ObjectStorage storage, String basePath) {
        limiter.upload(actor);
        IncomingFile again = new IncomingFile(video.originalName(), video.sizeBytes(),
                () -> storage.get(video.storageKey()), video.athleteId(), video.athleteName(), video.skillId(), point);
        UploadService.Created created;
        try {
            created = uploads.create(new UploadOwner(teamId, actor.id()), List.of(again));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launcher.runInBackground(created.uploadId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uploadId", created.uploadId());
        body.put("videoId", created.videos().get(0).id());
        body.put("statusUrl", basePath + "/" + created.uploadId());
        body.put("liveUrl", basePath + "/" + created.uploadId() + "/live");
        return body;
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
            throw new UploadRejectedException("Give one athlete, skill or athlete point per file (" + files
                    + " files, " + values.size() + " tags) or one for all.");
        }
        return values.get(index);
    }
}
