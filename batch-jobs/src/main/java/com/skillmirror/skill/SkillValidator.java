package com.skillmirror.skill;

import com.skillmirror.kinematics.Angle;
import com.skillmirror.kinematics.CameraView;
import com.skillmirror.skill.SkillDefinition.Event;
import com.skillmirror.skill.SkillDefinition.FindingRule;
import com.skillmirror.skill.SkillDefinition.Keyframe;
import com.skillmirror.skill.SkillDefinition.Metric;
import com.skillmirror.skill.SkillDefinition.MetricKind;
import com.skillmirror.skill.SkillDefinition.Phase;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks one parsed skill: required fields, references between its parts, angle names known to kinematics. */
final class SkillValidator {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+([-_][a-z0-9]+)*");

    private final String file;
    private final SkillDefinition s;

    SkillValidator(String file, SkillDefinition skill) {
        this.file = file;
        this.s = skill;
    }

    void validate() {
        require(s.id() != null && KEBAB.matcher(s.id()).matches(), "id", "must be kebab-case (got '" + s.id() + "')");
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        require(base.equals(s.id() + ".yaml"), "id", "'" + s.id() + "' must match the file name " + base);
        require(s.name() != null && !s.name().isBlank(), "name", "is required");
        require(s.version() != null && s.version() >= 1, "version", "must be an integer >= 1");
        require(s.poseModel() != null || s.joints().isEmpty(), "poseModel", "is required (lite, full or heavy)");
        require(!s.joints().isEmpty() || s.speechMatters(), "joints",
                "a skill needs joints to compare, or speechMatters: true");
        for (int i = 0; i < s.joints().size(); i++) {
            var j = s.joints().get(i);
            angle(j.angle(), "joints[" + i + "].angle");
            require(j.weight() != null && j.weight() > 0, "joints[" + i + "].weight", "must be > 0");
            views(j.views(), "joints[" + i + "].views");
        }
        Set<String> events = new HashSet<>();
        for (int i = 0; i < s.events().size(); i++) {
            Event e = s.events().get(i);
            String f = "events[" + i + "]";
            id(e.id(), f + ".id");
            require(!e.id().equals("start") && !e.id().equals("end"), f + ".id", "'start' and 'end' are reserved");
            require(e.rule() != null, f + ".rule", "is required (MIN, MAX, MAX_VELOCITY, MIN_VELOCITY)");
            signals(e.signal(), f + ".signal");
            // events are located on the pattern, which holds only the compared joints
            require(s.jointNames().containsAll(e.signal()), f + ".signal",
                    "events can only use the skill's joints " + s.jointNames());
            require(e.after() == null || events.contains(e.after()), f + ".after",
                    "names no earlier event: '" + e.after() + "'");
            require(events.add(e.id()), f + ".id", "duplicate '" + e.id() + "'");
        }
        Set<String> phases = new HashSet<>();
        for (int i = 0; i < s.phases().size(); i++) {
            Phase p = s.phases().get(i);
            String f = "phases[" + i + "]";
            id(p.id(), f + ".id");
            require(p.from() != null && (p.from().equals("start") || events.contains(p.from())), f + ".from",
                    "must be 'start' or an event id (got '" + p.from() + "')");
            require(p.to() != null && (p.to().equals("end") || events.contains(p.to())), f + ".to",
                    "must be 'end' or an event id (got '" + p.to() + "')");
            require(phases.add(p.id()), f + ".id", "duplicate '" + p.id() + "'");
        }
        Set<String> metrics = new HashSet<>();
        for (int i = 0; i < s.metrics().size(); i++) {
            Metric m = s.metrics().get(i);
            String f = "metrics[" + i + "]";
            id(m.id(), f + ".id");
            require(m.name() != null, f + ".name", "is required");
            require(m.kind() != null, f + ".kind", "is required");
            switch (m.kind()) {
                case SPEECH -> require(m.field() != null && SkillCatalog.SPEECH_FIELDS.contains(m.field()),
                        f + ".field", "must be one of " + SkillCatalog.SPEECH_FIELDS + " (got '" + m.field() + "')");
                case TEMPO -> require(m.signal().isEmpty(), f + ".signal", "TEMPO takes no signal");
                case SYMMETRY -> {
                    signals(m.signal(), f + ".signal");
                    require(m.signal().size() == 2, f + ".signal", "SYMMETRY needs two angles: [left, right]");
                }
                case DEVIATION -> {
                    signals(m.signal(), f + ".signal");
                    require(s.jointNames().containsAll(m.signal()), f + ".signal",
                            "DEVIATION compares with the pattern, which holds only the joints " + s.jointNames());
                }
                default -> signals(m.signal(), f + ".signal");
            }
            require(s.joints().isEmpty() ? m.kind() == MetricKind.SPEECH : true, f + ".kind",
                    "a skill without joints can only have SPEECH metrics");
            require(m.phase() == null || phases.contains(m.phase()), f + ".phase",
                    "names no phase: '" + m.phase() + "'");
            require(m.phase() == null || m.kind() == MetricKind.MIN || m.kind() == MetricKind.MAX
                    || m.kind() == MetricKind.RANGE || m.kind() == MetricKind.MEAN
                    || m.kind() == MetricKind.MEAN_ABS || m.kind() == MetricKind.DEVIATION, f + ".phase",
                    "only MIN, MAX, RANGE, MEAN, MEAN_ABS and DEVIATION can be restricted to a phase");
            require(m.target() == null || m.target().min() != null || m.target().max() != null, f + ".target",
                    "needs min or max");
            require(m.target() == null || m.target().min() == null || m.target().max() == null
                    || m.target().min() <= m.target().max(), f + ".target", "min must not exceed max");
            require(m.source() == null || (m.source().citation() != null && !m.source().citation().isBlank()),
                    f + ".source.citation", "a source needs a citation");
            views(m.views(), f + ".views");
            require(m.views() == null || m.kind() == null || m.allowedViews() != null, f + ".views",
                    m.kind() + " does not read the take frame by frame: it takes no views");
            require(m.kind() == null || m.allowedViews() == null || !s.metricViews(m).isEmpty(), f + ".views",
                    "no view is left: the metric's views " + m.allowedViews() + " and those of the joints it reads"
                            + " have none in common");
            require(metrics.add(m.id()), f + ".id", "duplicate '" + m.id() + "'");
        }
        Set<String> drills = new HashSet<>();
        for (int i = 0; i < s.drills().size(); i++) {
            var d = s.drills().get(i);
            id(d.id(), "drills[" + i + "].id");
            require(d.name() != null, "drills[" + i + "].name", "is required");
            require(d.level() != null && d.level() >= 1, "drills[" + i + "].level", "must be >= 1");
            require(drills.add(d.id()), "drills[" + i + "].id", "duplicate '" + d.id() + "'");
        }
        Set<String> findings = new HashSet<>();
        for (int i = 0; i < s.findings().size(); i++) {
            FindingRule r = s.findings().get(i);
            String f = "findings[" + i + "]";
            id(r.id(), f + ".id");
            require(r.metric() != null && metrics.contains(r.metric()), f + ".metric",
                    "names no metric: '" + r.metric() + "'");
            require(r.below() != null || r.above() != null, f, "needs 'below' or 'above'");
            require(r.message() != null && !r.message().isBlank(), f + ".message", "is required");
            require(r.severity() != null, f + ".severity", "is required (INFO, LOW, MEDIUM, HIGH)");
            require(r.drill() == null || drills.contains(r.drill()), f + ".drill", "names no drill: '" + r.drill() + "'");
            require(findings.add(r.id()), f + ".id", "duplicate '" + r.id() + "'");
        }
        if (s.reference() != null) {
            var ref = s.reference();
            require(ref.source() != null && ref.source().citation() != null, "reference.source.citation",
                    "a reference curve must cite its published source");
            require(ref.tolerance() != null && ref.tolerance() > 0, "reference.tolerance", "must be > 0");
            require(ref.durationMs() != null && ref.durationMs() > 0, "reference.durationMs", "must be > 0");
            require(ref.keyframes().size() >= 2, "reference.keyframes", "needs at least two key positions");
            double last = -1;
            for (int i = 0; i < ref.keyframes().size(); i++) {
                Keyframe k = ref.keyframes().get(i);
                String f = "reference.keyframes[" + i + "]";
                require(k.t() != null && k.t() >= 0 && k.t() <= 1 && k.t() > last, f + ".t",
                        "must increase within [0, 1]");
                last = k.t();
                require(k.angles().keySet().equals(new HashSet<>(s.jointNames())), f + ".angles",
                        "must give every joint of the skill: " + s.jointNames());
            }
        }
    }

    /** A {@code views:} list: absent, or known view keys (at least one). */
    private void views(List<String> views, String field) {
        if (views == null) {
            return;
        }
        require(!views.isEmpty(), field, "needs at least one view, or leave it out for any view");
        for (String v : views) {
            try {
                CameraView.parse(v);
            } catch (IllegalArgumentException e) {
                throw fail(field, e.getMessage());
            }
        }
    }

    private void signals(List<String> signal, String field) {
        require(!signal.isEmpty(), field, "needs at least one angle");
        for (String a : signal) {
            angle(a, field);
        }
    }

    private void angle(String name, String field) {
        try {
            Angle.byKey(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw fail(field, "unknown angle '" + name + "' (kinematics angles: "
                    + java.util.Arrays.stream(Angle.values()).map(Angle::key).toList() + ")");
        }
    }

    private void id(String id, String field) {
        require(id != null && ID.matcher(id).matches(), field, "must be lower case letters, digits, '-' or '_' (got '" + id + "')");
    }

    private void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw fail(field, problem);
        }
    }

    private SkillDefinitionException fail(String field, String problem) {
        return new SkillDefinitionException(file + ": field " + field + ": " + problem);
    }
}
