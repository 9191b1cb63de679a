package com.skillmirror.cli;

import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.athlete.AthleteFinder;
import com.skillmirror.pose.athlete.AthleteSelector;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * `skillmirror patterns ...`: expert patterns over the same classes a batch step uses, without a database. Pose
 * series are the pose step's files ({@link PoseSeries#write}); in each, the athlete the pose stage would choose
 * (the person who performs the skill's movement) is used unless {@code --person} is given.
 *
 * <pre>
 * skills                                                   list the skills
 * build    SKILL OUT.json --expert NAME --licence L [--achievements A] [--credits C] [--person ID] POSE...
 * norm     SKILL OUT.json                                  a PUBLISHED_NORM pattern from the skill file
 * compare  SKILL PATTERN.json POSE [--person ID]           prints the comparison JSON
 * </pre>
 */
final class PatternsCommand {

    private PatternsCommand() {
    }

    /** Runs one command; 0 = done, 1 = refused (message on err); a usage error is thrown. */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        try {
            return execute(args, out);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int execute(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) {
            throw new Cli.UsageException("patterns needs skills, build, norm or compare");
        }
        SkillCatalog catalog = SkillCatalog.load();
        Options o = Options.parse(args);
        switch (args[0]) {
            case "skills" -> catalog.all().forEach(s -> out.println(s.id() + "\tv" + s.version() + "\t" + s.name()));
            case "norm" -> {
                ExpertPattern p = PatternBuilder.fromPublishedNorm(catalog.get(o.positional(1)));
                Files.writeString(Path.of(o.positional(2)), p.toJson());
                out.println(p.id() + " " + p.contentHash());
            }
            case "build" -> {
                SkillDefinition skill = catalog.get(o.positional(1));
                List<KinematicSeries> takes = new ArrayList<>();
                for (int i = 3; i < o.positionals().size(); i++) {
                    takes.add(kinematics(Path.of(o.positional(i)), o.person(), skill));
                }
                ExpertProfile expert = new ExpertProfile(o.required("--expert"), o.flags().get("--achievements"),
                        o.flags().get("--credits"), o.required("--licence"));
                ExpertPattern p = new PatternBuilder(skill).fromKinematics(takes, expert);
                Files.writeString(Path.of(o.positional(2)), p.toJson());
                out.println(p.id() + " " + p.contentHash());
            }
            case "compare" -> {
                SkillDefinition skill = catalog.get(o.positional(1));
                ExpertPattern p = ExpertPattern.fromJson(Files.readString(Path.of(o.positional(2))));
                KinematicSeries take = kinematics(Path.of(o.positional(3)), o.person(), skill);
                out.println(new SkillComparator(skill).compare(take, p, Map.of()).toJson());
            }
            default -> throw new Cli.UsageException("unknown patterns command " + args[0]);
        }
        return 0;
    }

    /** The given person's, else the athlete the pose stage would choose (the one who performs the skill). */
    private static KinematicSeries kinematics(Path poseFile, Integer person, SkillDefinition skill) throws IOException {
        PoseSeries tracked;
        try (InputStream in = Files.newInputStream(poseFile)) {
            tracked = PoseSeries.read(in);
        }
        if (person != null) {
            return Kinematics.of(tracked, person);
        }
        AthleteFinder.Outcome found = AthleteFinder.find(tracked, null, AthleteSelector.jointWeights(skill), null);
        if (found.failure() != null) {
            throw new IllegalArgumentException(poseFile + ": " + found.failure());
        }
        return Kinematics.of(found.series(), found.athlete().personId());
    }

    /** Positional arguments and {@code --name value} flags. */
    record Options(List<String> positionals, Map<String, String> flags) {
        static Options parse(String[] args) {
            List<String> pos = new ArrayList<>();
            Map<String, String> flags = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    flags.put(args[i], args[++i]);
                } else {
                    pos.add(args[i]);
                }
            }
            return new Options(pos, flags);
        }

        String positional(int i) {
            if (i >= positionals.size()) {
                throw new IllegalArgumentException("missing argument " + (i + 1));
            }
            return positionals.get(i);
        }

        String required(String flag) {
            String v = flags.get(flag);
            if (v == null) {
                throw new IllegalArgumentException(flag + " is required");
            }
            return v;
        }

        Integer person() {
            return flags.containsKey("--person") ? Integer.valueOf(flags.get("--person")) : null;
        }
    }
}
