package com.skillmirror.cli;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.CaptureViews;
import com.skillmirror.compare.Comparison;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * `skillmirror compare [--skill ID] ATHLETE_VIDEO (EXPERT_VIDEO | --pattern ID)`: both videos through the analysis
 * job, then the athlete compared with the expert video (one-take pattern) or a stored pattern. Comparison JSON on
 * stdout with the 0-100 similarity as the top-level score.
 */
final class CompareCommand {

    private CompareCommand() {
    }

    static int run(String[] args, ConfigurableApplicationContext context, PrintStream out, PrintStream err)
            throws Exception {
        String skillId = null;
        String patternId = null;
        List<Path> videos = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--skill" -> skillId = PoseCommand.value(args, ++i, "--skill");
                case "--pattern" -> patternId = PoseCommand.value(args, ++i, "--pattern");
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new Cli.UsageException("unknown option " + args[i]);
                    }
                    videos.add(Path.of(args[i]));
                }
            }
        }
        if (videos.size() != (patternId == null ? 2 : 1)) {
            throw new Cli.UsageException("give ATHLETE_VIDEO and either EXPERT_VIDEO or --pattern ID");
        }
        for (Path video : videos) {
            if (!Files.isRegularFile(video)) {
                throw new Cli.UsageException("no such file: " + video);
            }
        }
        SkillRegistry skills = context.getBean(SkillRegistry.class);
        ExpertPattern pattern = null;
        if (patternId != null) {
            String wanted = patternId;
            pattern = context.getBean(ExpertPatterns.class).find(parseId(wanted))
                    .orElseThrow(() -> new Cli.UsageException("no pattern " + wanted)).pattern();
            skillId = skillId == null ? pattern.skillId() : skillId;
        }
        if (skillId == null) {
            throw new Cli.UsageException("--skill is needed when comparing with an expert video (known: "
                    + skills.all().stream().map(SkillDefinition::id).toList() + ")");
        }
        String id = skillId;
        SkillDefinition skill = skills.find(id).orElseThrow(() -> new Cli.UsageException("unknown skill " + id
                + " (known: " + skills.all().stream().map(SkillDefinition::id).toList() + ")"));

        List<Analysed> analysed = analyse(context, videos, skill.id(), err);
        if (analysed == null) {
            return 1;
        }
        if (pattern == null) {
            pattern = new PatternBuilder(skill).fromKinematics(List.of(analysed.get(1).athlete()), new ExpertProfile(
                    videos.get(1).getFileName().toString(), null, "expert video given on the command line",
                    "as provided by the user"));
        }
        // as the compare stage does: what the camera view hides is withheld, not measured
        Analysed athlete = analysed.get(0);
        Comparison comparison = new SkillComparator(skill).compare(athlete.athlete(), pattern, Map.of(),
                CaptureViews.stored(context.getBean(StageResults.class), athlete.videoId(), athlete.athlete())
                        .orElse(null));
        out.println(comparison.toJson());
        return 0;
    }

    /** One analysed video: its id and its athlete's kinematics. */
    private record Analysed(UUID videoId, KinematicSeries athlete) {
    }

    /** Runs the analysis job on the videos; the main person's kinematics of each, or null after saying what failed. */
    private static List<Analysed> analyse(ConfigurableApplicationContext context, List<Path> videos,
                                                 String skillId, PrintStream err) throws Exception {
        List<IncomingFile> files = new ArrayList<>();
        for (Path video : videos) {
            files.add(new IncomingFile(video.getFileName().toString(), Files.size(video), () -> Files.newInputStream(video),
                    null, skillId));
        }
        UploadService.Created upload = context.getBean(UploadService.class).create(files);
        context.getBean(AnalysisLauncher.class).run(upload.uploadId());
        StageResults results = context.getBean(StageResults.class);
        VideoKinematics kinematics = new VideoKinematics(results);
        List<Analysed> out = new ArrayList<>();
        for (Video video : context.getBean(VideoRepository.class).findByUpload(upload.uploadId())) {
            Optional<PoseResult> pose = results.result(video.id(), PoseResult.STAGE_RESULT);
            Optional<KinematicSeries> athlete = pose.isEmpty() ? Optional.empty()
                    : kinematics.person(video, pose.get().mainPersonId());
            if (athlete.isEmpty()) {
                err.println("compare: " + video.originalName() + " could not be analysed: " + video.errorMessage());
                return null;
            }
            out.add(new Analysed(video.id(), athlete.get()));
        }
        return out;
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--pattern needs a pattern id (a UUID), got " + id);
        }
    }
}
