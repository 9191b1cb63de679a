package com.skillmirror.portal.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.FeatureSeries;
import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.compare.RepetitionSet;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.portal.access.Role;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.upload.VideoRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/**
 * The comparison player's data API on a real take analysed by the real job (the walker of OpenCV's sample as running
 * gait, compared with an expert ingested from three takes of the same clip): the view's shape and invariants under
 * /api and /web, who may see it, the videos' byte ranges, and the synthesized expert of a pattern without footage.
 */
class ComparisonViewApiTest extends PlayerFixtures {

    @Autowired
    ExpertPatterns patterns;
    @Autowired
    SkillRegistry skills;
    @Autowired
    StageResults results;
    @Autowired
    VideoRepository videos;

    @Test
    @SuppressWarnings("unchecked")
    void theViewOfARealComparisonHoldsTogether() throws Exception {
        Comparison c = comparison();
        String url = "/api/videos/" + c.videoId() + "/comparison-view";
        String body = mvc.perform(get(url).header("Authorization", bearer(token(c.coach()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // kept for a look after the run (and as a sample for the page's authors)
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "player"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "player", "comparison-view.json"), body);
        Map<String, Object> view = JSON.readValue(body, Map.class);
        assertThat(view).containsEntry("videoId", c.videoId().toString()).containsEntry("skillId", "running-gait")
                .containsEntry("notesUrl", "/api/videos/" + c.videoId() + "/notes");
        assertThat(((Number) view.get("score")).doubleValue()).isBetween(0.0, 100.0);
        List<Integer> landmarks = (List<Integer>) view.get("landmarks");
        assertThat(landmarks).startsWith(0, 11, 12).endsWith(32);
        for (List<Integer> bone : (List<List<Integer>>) view.get("bones")) {
            assertThat(landmarks).containsAll(bone);
        }

        Map<String, Object> athlete = (Map<String, Object>) view.get("athlete");
        assertThat(athlete).containsEntry("videoUrl", "/api/videos/" + c.videoId() + "/player/video");
        long durationMs = ((Number) athlete.get("durationMs")).longValue();
        assertThat(durationMs).isBetween(2500L, 3500L); // a 3 s clip
        List<Map<String, Object>> skeleton = (List<Map<String, Object>>) athlete.get("skeleton");
        assertThat(skeleton).isNotEmpty();
        // at most 30 entries a second, each the listed landmarks as x, y, visibility inside the picture
        assertThat(skeleton.size()).isLessThanOrEqualTo((int) (durationMs / 1000.0 * 30) + 1);
        long lastMs = -1;
        double athleteFps = ((Number) athlete.get("fps")).doubleValue();
        for (Map<String, Object> e : skeleton) {
            List<Number> points = (List<Number>) e.get("points");
            assertThat(points).hasSize(landmarks.size() * 3);
            assertThat(points).allSatisfy(v -> assertThat(v.doubleValue()).isBetween(0.0, 1.0));
            long ms = ((Number) e.get("ms")).longValue();
            assertThat(ms).isGreaterThan(lastMs).isLessThan(durationMs);
            lastMs = ms;
            // a frame's time (its start, rounded to the ms) maps back to it, as the page maps times to frames
            assertThat(ComparisonViews.frameAt(ms, athleteFps)).as("the frame at %d ms", ms).isEqualTo(e.get("frame"));
        }

        // the expert's own footage, aligned to its pattern
        Map<String, Object> expert = (Map<String, Object>) view.get("expert");
        assertThat(expert).containsEntry("source", "VIDEO").containsEntry("synthesized", false)
                .containsEntry("patternId", c.patternId().toString())
                .containsEntry("videoUrl", "/api/patterns/" + c.patternId() + "/player/video")
                .containsEntry("name", "Walker from the OpenCV sample");
        long expertDuration = ((Number) expert.get("durationMs")).longValue();
        double expertFps = ((Number) expert.get("fps")).doubleValue();
        assertThat((List<?>) expert.get("skeleton")).isNotEmpty();
        List<Map<String, Object>> positions = (List<Map<String, Object>>) expert.get("positions");
        assertThat(positions).isNotEmpty();

        // the alignment: within a stride the pattern position never goes back; a new stride starts over near 0
        List<Map<String, Object>> alignment = (List<Map<String, Object>>) view.get("alignment");
        assertThat(alignment).isNotEmpty();
        double previous = -1;
        for (Map<String, Object> e : alignment) {
            double position = ((Number) e.get("position")).doubleValue();
            assertThat(position).isBetween(0.0, 1.0);
            if (position < previous) {
                assertThat(previous - position).as("a drop in position is a new stride").isGreaterThan(0.5);
            }
            previous = position;
            long expertMs = ((Number) e.get("expertMs")).longValue();
            assertThat(expertMs).isBetween(0L, expertDuration);
            // the expert frame is the one shown at the expert's time (floored as the page does, never rounded up)
            assertThat(e.get("expertFrame")).as("the expert frame of %s", e)
                    .isEqualTo(ComparisonViews.frameAt(expertMs, expertFps));
            assertThat(skeleton).anySatisfy(s -> assertThat(s.get("frame")).isEqualTo(e.get("frame")));
        }

        List<Map<String, Object>> phases = (List<Map<String, Object>>) view.get("phases");
        assertThat(phases).isNotEmpty();
        long from = -1;
        for (Map<String, Object> ph : phases) {
            long f = ((Number) ph.get("fromMs")).longValue();
            assertThat(f).isGreaterThanOrEqualTo(from).isLessThanOrEqualTo(((Number) ph.get("toMs")).longValue());
            assertThat(((Number) ph.get("toMs")).longValue()).isLessThanOrEqualTo(durationMs);
            assertThat((String) ph.get("name")).isNotBlank();
            from = f;
        }
        // the fixture's short take is not a set (fewer than two whole strides): no repetitions, as stored
        assertThat(results.result(c.videoId(), CompareResult.STAGE_RESULT).orElseThrow().comparison().repetitions())
                .isNull();
        assertThat((List<?>) view.get("repetitions")).isEmpty();

        Map<String, Object> curves = (Map<String, Object>) view.get("curves");
        List<String> angles = (List<String>) curves.get("angles");
        assertThat(angles).isNotEmpty();
        assertThat((List<?>) curves.get("ms")).hasSameSizeAs(skeleton);
        for (String angle : angles) {
            assertThat((List<?>) ((Map<String, Object>) curves.get("athlete")).get(angle)).hasSameSizeAs(skeleton);
            assertThat((List<?>) ((Map<String, Object>) curves.get("expert")).get(angle)).hasSameSizeAs(skeleton);
        }
        for (Map<String, Object> f : (List<Map<String, Object>>) view.get("findings")) {
            assertThat(((Number) f.get("ms")).longValue()).isBetween(0L, durationMs);
            assertThat((String) f.get("why")).isNotBlank();
            assertThat((String) f.get("message")).isNotBlank();
        }
        System.out.println("comparison view: " + skeleton.size() + " athlete skeletons, " + alignment.size()
                + " aligned, " + phases.size() + " phases, findings " + view.get("findings"));

        // the same over the pages' session, with the pages' URLs
        mvc.perform(get("/web/videos/" + c.videoId() + "/comparison-view").session(session(c.coach())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.athlete.videoUrl").value("/web/videos/" + c.videoId() + "/player/video"))
                .andExpect(jsonPath("$.expert.videoUrl").value("/web/patterns/" + c.patternId() + "/player/video"))
                .andExpect(jsonPath("$.notesUrl").value("/web/videos/" + c.videoId() + "/notes"));
    }

    /** Eight seconds of the fixture's walker (several whole strides: a set), analysed once for the class. */
    private static UUID setVideo;

    private UUID setTake(Comparison c) throws Exception {
        if (setVideo == null) {
            java.nio.file.Path take = com.skillmirror.testsupport.TestClips.excerpt(
                    com.skillmirror.testsupport.TestMedia.file("opencv_vtest_pedestrians.avi"),
                    java.nio.file.Files.createTempFile("walker-set", ".mp4"), 60, 8, "crop=480:320:150:256,scale=960:640");
            setVideo = analysed(c, take, "walk-set.mp4", "running-gait");
        }
        return setVideo;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSetIsPlayedRepetitionByRepetitionAsItIsScored() throws Exception {
        Comparison c = comparison();
        UUID videoId = setTake(c);
        RepetitionSet set = results.result(videoId, CompareResult.STAGE_RESULT).orElseThrow().comparison()
                .repetitions();
        assertThat(set).as("eight seconds of walking are compared as a set of strides").isNotNull();
        Map<String, Object> view = JSON.readValue(mvc.perform(get("/api/videos/" + videoId + "/comparison-view")
                        .header("Authorization", bearer(token(c.coach()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), Map.class);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "player", "comparison-view-set.json"),
                JSON.writeValueAsString(view));
        // the repetitions as the compare stage scored them, each on the proxy's timeline
        List<Map<String, Object>> repetitions = (List<Map<String, Object>>) view.get("repetitions");
        assertThat(repetitions).hasSize(set.reps().size()).hasSizeGreaterThanOrEqualTo(2);
        long durationMs = ((Number) ((Map<String, Object>) view.get("athlete")).get("durationMs")).longValue();
        for (int i = 0; i < repetitions.size(); i++) {
            RepetitionSet.Rep rep = set.reps().get(i);
            Map<String, Object> r = repetitions.get(i);
            assertThat(r).containsEntry("number", rep.number());
            assertThat(((Number) r.get("fromMs")).longValue()).isEqualTo(rep.fromMs()).isLessThan(rep.toMs());
            assertThat(((Number) r.get("toMs")).longValue()).isEqualTo(rep.toMs()).isLessThanOrEqualTo(durationMs);
            assertThat(r.get("score") == null ? null : ((Number) r.get("score")).doubleValue()).isEqualTo(rep.score());
        }
        assertEachRepetitionPlaysThePatternThrough(view);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aComparisonStoredBeforeAlignmentsExistedIsComparedAgainForTheView() throws Exception {
        Comparison c = comparison();
        // a set: compared again, it must be compared as the stage does (repetition by repetition), not as one span
        UUID setId = setTake(c);
        c = new Comparison(c.coach(), c.team(), c.athlete(), c.athleteAccount(), c.uploadId(), setId, c.expertId(),
                c.patternId());
        String url = "/api/videos/" + c.videoId() + "/comparison-view";
        String token = bearer(token(c.coach()));
        Map<String, Object> before = JSON.readValue(mvc.perform(get(url).header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), Map.class);
        // the compare stage's result as an older version stored it: the same comparison without its alignment
        CompareResult stored = results.result(c.videoId(), CompareResult.STAGE_RESULT).orElseThrow();
        assertThat(stored.comparison().alignment()).as("the compare stage records the alignment").isNotNull();
        com.skillmirror.compare.Comparison old = JSON.readValue(stored.comparison().toJson()
                .replaceAll("(?s),\\s*\"alignment\"\\s*:\\s*\\{.*\\}\\s*}\\s*$", "}"),
                com.skillmirror.compare.Comparison.class);
        assertThat(old.alignment()).isNull();
        results.complete(c.videoId(), CompareResult.STAGE_RESULT, new CompareResult(stored.personId(), old,
                stored.otherPeople()));
        try {
            Map<String, Object> after = JSON.readValue(mvc.perform(get(url).header("Authorization", token))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), Map.class);
            // the same pattern compared again the same way: the same alignment, score and findings as stored
            assertThat(after.get("alignment")).isEqualTo(before.get("alignment"));
            assertThat(after.get("repetitions")).isEqualTo(before.get("repetitions"));
            assertThat((List<?>) after.get("repetitions")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(after.get("phases")).isEqualTo(before.get("phases"));
            assertThat(after.get("score")).isEqualTo(before.get("score"));
            assertThat(after.get("findings")).isEqualTo(before.get("findings"));
        } finally {
            results.complete(c.videoId(), CompareResult.STAGE_RESULT, stored);
        }
    }

    @Test
    void whoMaySeeItAndTheVideosByteRanges() throws Exception {
        Comparison c = comparison();
        String view = "/api/videos/" + c.videoId() + "/comparison-view";
        String athleteVideo = "/api/videos/" + c.videoId() + "/player/video";
        String expertVideo = "/api/patterns/" + c.patternId() + "/player/video";
        // the athlete of the video sees it; another team's coach does not learn it exists; nobody signed out
        mvc.perform(get(view).header("Authorization", bearer(token(c.athleteAccount())))).andExpect(status().isOk());
        String stranger = bearer(token(user(Role.COACH)));
        mvc.perform(get(view).header("Authorization", stranger)).andExpect(status().isNotFound());
        mvc.perform(get(athleteVideo).header("Authorization", stranger)).andExpect(status().isNotFound());
        mvc.perform(get("/web/videos/" + c.videoId() + "/comparison-view").session(session(user(Role.COACH))))
                .andExpect(status().isNotFound());
        mvc.perform(get(view)).andExpect(status().isUnauthorized());
        mvc.perform(get(athleteVideo)).andExpect(status().isUnauthorized());
        mvc.perform(get(expertVideo)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/videos/" + UUID.randomUUID() + "/comparison-view").header("Authorization",
                bearer(token(c.coach())))).andExpect(status().isNotFound());
        mvc.perform(get(view).param("expertId", "not-a-uuid").header("Authorization", bearer(token(c.coach()))))
                .andExpect(status().isBadRequest());

        // both videos seek: a range is answered with 206 and only those bytes
        String token = bearer(token(c.coach()));
        var part = mvc.perform(get(athleteVideo).header("Authorization", token).header(HttpHeaders.RANGE, "bytes=0-99"))
                .andExpect(status().isPartialContent()).andReturn().getResponse();
        assertThat(part.getContentAsByteArray()).hasSize(100);
        assertThat(new String(part.getContentAsByteArray(), 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("ftyp");
        mvc.perform(get(expertVideo).header("Authorization", bearer(token(c.athleteAccount())))
                .header(HttpHeaders.RANGE, "bytes=10-19")).andExpect(status().isPartialContent())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string(HttpHeaders.CONTENT_RANGE, Matchers.startsWith("bytes 10-19/")));
        // a published norm has no footage, and a made-up pattern nothing at all: never some other video
        UUID norm = jdbc.sql("SELECT id FROM expert_pattern WHERE source = 'PUBLISHED_NORM' LIMIT 1")
                .query(UUID.class).single();
        mvc.perform(get("/api/patterns/" + norm + "/player/video").header("Authorization", token))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value(Matchers.containsString("no expert footage")));
        mvc.perform(get("/api/patterns/" + UUID.randomUUID() + "/player/video").header("Authorization", token))
                .andExpect(status().isNotFound());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anotherExpertsViewComparesTheSetRepetitionByRepetitionAsTheStageDoes() throws Exception {
        Comparison c = comparison();
        UUID setId = setTake(c);
        // another expert of the skill: a pattern built from the athlete's set itself, so the view compares the take
        // again (?expertId=) rather than showing the stored comparison
        var video = videos.find(setId).orElseThrow();
        int person = results.result(setId, PoseResult.STAGE_RESULT).orElseThrow().mainPersonId();
        FeatureSeries take = FeatureSeries.of(new VideoKinematics(results).person(video, person).orElseThrow());
        ExpertProfile profile = new ExpertProfile("Second opinion " + UUID.randomUUID().toString().substring(0, 6),
                null, "test data", "test data");
        UUID expertId = patterns.expert(profile);
        patterns.save(new PatternBuilder(skills.get("running-gait")).build(List.of(take), profile), expertId);

        Map<String, Object> view = JSON.readValue(mvc.perform(get("/api/videos/" + setId + "/comparison-view")
                        .param("expertId", expertId.toString()).header("Authorization", bearer(token(c.coach()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), Map.class);
        // the set's strides are the view's repetitions, each scored against this expert (where a stride starts
        // depends on the pattern's stride length too, so their number is the stage's give or take one)
        RepetitionSet stored = results.result(setId, CompareResult.STAGE_RESULT).orElseThrow().comparison()
                .repetitions();
        assertThat(stored).as("the stage compared the take as a set").isNotNull();
        List<Map<String, Object>> repetitions = (List<Map<String, Object>>) view.get("repetitions");
        assertThat(repetitions).as("the repetitions of the view against another expert")
                .hasSizeBetween(stored.reps().size() - 1, stored.reps().size() + 1);
        assertEachRepetitionPlaysThePatternThrough(view);
    }

    /**
     * One alignment span per scored repetition: inside each repetition's time the pattern position starts near 0,
     * never goes back, and ends near 1 (the expert starts over at each repetition, in step with it).
     */
    @SuppressWarnings("unchecked")
    private static void assertEachRepetitionPlaysThePatternThrough(Map<String, Object> view) {
        List<Map<String, Object>> alignment = (List<Map<String, Object>>) view.get("alignment");
        List<Map<String, Object>> scored = ((List<Map<String, Object>>) view.get("repetitions")).stream()
                .filter(r -> r.get("score") != null).toList();
        assertThat(scored).as("scored repetitions in %s", view.get("repetitions")).hasSizeGreaterThanOrEqualTo(2);
        int restarts = 0;
        for (int k = 1; k < alignment.size(); k++) {
            restarts += ((Number) alignment.get(k).get("position")).doubleValue()
                    < ((Number) alignment.get(k - 1).get("position")).doubleValue() ? 1 : 0;
        }
        assertThat(restarts).as("the position starts over at each repetition").isGreaterThanOrEqualTo(scored.size() - 1);
        for (Map<String, Object> r : scored) {
            long from = ((Number) r.get("fromMs")).longValue();
            long to = ((Number) r.get("toMs")).longValue();
            // strictly after its first frame: two repetitions may share the frame where one ends and the next starts
            List<Double> positions = alignment.stream().filter(a -> ((Number) a.get("ms")).longValue() > from
                    && ((Number) a.get("ms")).longValue() <= to)
                    .map(a -> ((Number) a.get("position")).doubleValue()).toList();
            assertThat(positions).as("aligned frames of repetition %s", r).isNotEmpty();
            assertThat(positions.get(0)).as("the pattern position early in repetition %s", r).isLessThan(0.25);
            assertThat(positions.get(positions.size() - 1)).as("the position late in repetition %s", r)
                    .isGreaterThan(0.75);
            for (int k = 1; k < positions.size(); k++) {
                assertThat(positions.get(k)).as("positions in repetition %s: %s", r, positions)
                        .isGreaterThanOrEqualTo(positions.get(k - 1));
            }
        }
    }

    @Test
    void thePageFetchesItsViewUnderTheServletContextPath() throws Exception {
        Comparison c = comparison();
        String page = mvc.perform(get("/coach/videos/" + c.videoId() + "/player").contextPath("/coach")
                        .session(session(c.coach())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-view-url=\"/coach/web/videos/" + c.videoId() + "/comparison-view\"")
                .contains("src=\"/coach/js/player.js\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExpertWithoutFootageIsDrawnFromThePattern() throws Exception {
        Comparison c = comparison();
        // an expert whose pattern was built from takes that are not stored (here: the athlete's own take)
        var video = videos.find(c.videoId()).orElseThrow();
        int person = results.result(c.videoId(), PoseResult.STAGE_RESULT).orElseThrow().mainPersonId();
        FeatureSeries take = FeatureSeries.of(new VideoKinematics(results).person(video, person).orElseThrow());
        ExpertProfile profile = new ExpertProfile("Coach's own model take " + UUID.randomUUID().toString()
                .substring(0, 6), null, "test data", "test data");
        UUID expertId = patterns.expert(profile);
        StoredPattern stored = patterns.save(new PatternBuilder(skills.get("running-gait")).build(List.of(take),
                profile), expertId);
        mvc.perform(get("/api/patterns/" + stored.id() + "/player/video").header("Authorization",
                bearer(token(c.coach())))).andExpect(status().isNotFound());

        Map<String, Object> view = JSON.readValue(mvc.perform(get("/api/videos/" + c.videoId() + "/comparison-view")
                        .param("expertId", expertId.toString()).header("Authorization", bearer(token(c.coach()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), Map.class);
        Map<String, Object> expert = (Map<String, Object>) view.get("expert");
        assertThat(expert).containsEntry("synthesized", true).containsEntry("videoUrl", null)
                .containsEntry("width", null).containsEntry("patternId", stored.id().toString());
        assertThat((List<?>) expert.get("positions")).isEmpty();
        List<Map<String, Object>> skeleton = (List<Map<String, Object>>) expert.get("skeleton");
        assertThat(skeleton).hasSize(ComparisonViews.SYNTHESIZED_STEPS);
        assertThat(skeleton.get(0)).containsKey("position").doesNotContainKey("ms");
        for (Map<String, Object> e : skeleton) {
            assertThat((List<Number>) e.get("points")).hasSize(((List<?>) view.get("landmarks")).size() * 3)
                    .allSatisfy(v -> assertThat(v.doubleValue()).isBetween(0.0, 1.0));
        }
        // compared with its own take the pattern fits closely, and the alignment has no expert times
        assertThat(((Number) view.get("score")).doubleValue()).isGreaterThan(80);
        assertThat((List<Map<String, Object>>) view.get("alignment")).isNotEmpty()
                .allSatisfy(e -> assertThat(e).containsEntry("expertMs", null).containsEntry("expertFrame", null));
        // an expert with no pattern of the skill
        UUID other = patterns.expert(new ExpertProfile("Nobody " + UUID.randomUUID(), null, null, null));
        mvc.perform(get("/api/videos/" + c.videoId() + "/comparison-view").param("expertId", other.toString())
                .header("Authorization", bearer(token(c.coach())))).andExpect(status().isNotFound());
    }
    @Test
    @SuppressWarnings("unchecked")
    void aSkillWhoseDefaultPatternIsAPublishedNormGetsTheNormDrawnAndItsFindingsTimed() throws Exception {
        Comparison c = comparison();
        // the walker filed as a squat: the squat's default pattern is its published norm (no footage), and a walker's
        // knees never reach squat depth, so the comparison has findings
        java.nio.file.Path take = com.skillmirror.testsupport.TestClips.excerpt(
                com.skillmirror.testsupport.TestMedia.file("opencv_vtest_pedestrians.avi"),
                java.nio.file.Files.createTempFile("walker-squat", ".mp4"), 61.2, 3, "crop=480:320:150:256,scale=960:640");
        String token = bearer(token(c.coach()));
        UUID videoId = analysed(c, take, "walk-as-squat.mp4", "squat");

        Map<String, Object> view = JSON.readValue(mvc.perform(get("/api/videos/" + videoId + "/comparison-view")
                .header("Authorization", token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(), Map.class);
        Map<String, Object> expert = (Map<String, Object>) view.get("expert");
        assertThat(expert).containsEntry("source", "PUBLISHED_NORM").containsEntry("synthesized", true)
                .containsEntry("videoUrl", null);
        assertThat((String) expert.get("name")).startsWith("Published norm");
        mvc.perform(get("/api/patterns/" + expert.get("patternId") + "/player/video").header("Authorization", token))
                .andExpect(status().isNotFound());
        assertThat((List<Map<String, Object>>) expert.get("skeleton")).hasSize(ComparisonViews.SYNTHESIZED_STEPS);
        long durationMs = ((Number) ((Map<String, Object>) view.get("athlete")).get("durationMs")).longValue();
        List<Map<String, Object>> findings = (List<Map<String, Object>>) view.get("findings");
        assertThat(findings).as("a walker judged as a squat").isNotEmpty();
        // each finding on the knees (depth, symmetry) sits where the knee angles differ most from the norm: at one of
        // the athlete's samples, with that reason
        List<Long> ms = ((List<Number>) ((Map<String, Object>) view.get("curves")).get("ms")).stream()
                .map(Number::longValue).toList();
        for (Map<String, Object> f : findings) {
            long at = ((Number) f.get("ms")).longValue();
            assertThat(at).isBetween(0L, durationMs);
            if (List.of("shallow-squat", "asymmetric-knees").contains(f.get("id"))) {
                assertThat((String) f.get("why")).contains("knee_angle").contains("deviation");
                assertThat(ms).contains(at);
            }
        }
        System.out.println("walker as a squat: score " + view.get("score") + ", findings " + findings);
    }
}
