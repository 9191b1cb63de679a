package com.skillmirror.speech;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.skillmirror.testsupport.TestMedia;

/** The OpenAI path against a local WireMock fake of /v1/audio/transcriptions and /v1/chat/completions. */
class OpenAiTranscriptionProviderTest {

    private static final String KEY = "sk-test-SECRET-123";
    private static final String PATH = "/v1/audio/transcriptions";
    static final String VERBOSE = """
            {"task":"transcribe","language":"english","duration":2.79,
             "text":"Um, go forward, uh, ten ten meters.",
             "words":[{"word":"Um","start":0.12,"end":0.3},{"word":"go","start":0.45,"end":0.62},
                      {"word":"forward","start":0.62,"end":1.05},{"word":"uh","start":1.1,"end":1.3},
                      {"word":"ten","start":1.4,"end":1.6},{"word":"ten","start":1.62,"end":1.85},
                      {"word":"meters","start":1.9,"end":2.4}],
             "segments":[{"id":0,"seek":0,"start":0.0,"end":2.79,"text":"Um, go forward, uh, ten ten meters.",
                          "tokens":[1,2,3],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,
                          "no_speech_prob":0.01}]}
            """;

    private WireMockServer wm;
    private AudioClip clip;

    @BeforeEach
    void start() throws Exception {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        clip = AudioClip.fromPcm16(Files.readAllBytes(TestMedia.file("goforward.raw")), 16000);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private OpenAiTranscriptionProvider provider(Duration timeout, int retries, long maxUpload) {
        return new OpenAiTranscriptionProvider(new OpenAiTranscriptionProvider.Settings(KEY,
                "http://localhost:" + wm.port() + "/v1", null, timeout, retries, maxUpload));
    }

    private OpenAiTranscriptionProvider provider() {
        return provider(Duration.ofSeconds(10), 2, 0);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(VERBOSE);
    }

    @Test
    void sendsWhisperVerboseJsonWordTimestampsWithAFileNameAndParsesWords() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(ok()));

        Transcript t = provider().transcribe(clip, TranscriptionOptions.defaults());

        assertThat(t.provider()).isEqualTo("openai");
        assertThat(t.approximate()).isFalse();
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.text()).isEqualTo("Um, go forward, uh, ten ten meters.");
        assertThat(t.words()).hasSize(7);
        // whisper-1 has no word probabilities: a word's confidence is its segment's mean token probability
        assertThat(t.words().get(2)).isEqualTo(new TranscriptWord("forward", 0.62, 1.05, 0.819));
        wm.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("whisper-1")).build())
                .withRequestBodyPart(aMultipart().withName("response_format").withBody(equalTo("verbose_json")).build())
                .withRequestBodyPart(aMultipart().withName("timestamp_granularities[]").withBody(equalTo("word")).build())
                .withRequestBodyPart(aMultipart().withName("timestamp_granularities[]").withBody(equalTo("segment")).build())
                .withRequestBodyPart(aMultipart().withName("language").withBody(equalTo("en")).build())
                .withRequestBodyPart(aMultipart().withName("prompt").withBody(containing("Um, uh")).build())
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", containing("filename=\"speech.wav\""))
                        .withBody(containing("RIFF")).build()));
        byte[] body = wm.getAllServeEvents().get(0).getRequest().getBody();
        assertThat(body.length).isGreaterThan(clip.samples().length * 2);
    }

    @Test
    void aServerWithoutSegmentsGivesWordsOfUnknownConfidence() {
        String noSegments = VERBOSE.replaceAll("(?s),\\s*\"segments\".*", "}");
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(noSegments)));

        Transcript t = provider().transcribe(clip, TranscriptionOptions.defaults());

        assertThat(t.words()).hasSize(7).extracting(TranscriptWord::confidence).containsOnlyNulls();
    }

    @Test
    void rejectedKeyIsAClearErrorWithoutTheKey() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-test-****-123.\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));

        assertThatThrownBy(() -> provider().transcribe(clip, TranscriptionOptions.defaults()))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("API key rejected")
                .hasMessageContaining("401").hasMessageNotContaining(KEY);
        wm.verify(1, postRequestedFor(urlEqualTo(PATH))); // not retried
    }

    @Test
    void rateLimitHonoursRetryAfterThenSucceeds() {
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs("ok").willReturn(ok()));

        long t0 = System.nanoTime();
        Transcript t = provider().transcribe(clip, TranscriptionOptions.defaults());
        double waited = (System.nanoTime() - t0) / 1e9;

        assertThat(t.words()).hasSize(7);
        assertThat(waited).as("waited for Retry-After: 2").isGreaterThanOrEqualTo(1.9);
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events = wm.getAllServeEvents();
        assertThat(events).hasSize(2);
        // the retried request carries the whole file again
        assertThat(events.get(0).getRequest().getBody().length).isEqualTo(events.get(1).getRequest().getBody().length);
    }

    @Test
    void rateLimitThatNeverEndsGivesUpAfterBoundedRetries() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"slow down\"}}")));

        assertThatThrownBy(() -> provider(Duration.ofSeconds(10), 2, 0).transcribe(clip, null))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("Rate limited");
        wm.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("500").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("500").whenScenarioStateIs("ok").willReturn(ok()));

        assertThat(provider().transcribe(clip, null).words()).hasSize(7);
        wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void persistentServerErrorFailsClearly() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("{}")));

        assertThatThrownBy(() -> provider(Duration.ofSeconds(10), 1, 0).transcribe(clip, null))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("503")
                .hasMessageContaining("after 1 retries");
        wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void timeoutFailsClearly() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(ok().withFixedDelay(3000)));

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> provider(Duration.ofMillis(800), 0, 0).transcribe(clip, null))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("timed out");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.9);
    }

    @Test
    void brokenBodyFailsClearly() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"text\": \"go forw")));

        assertThatThrownBy(() -> provider().transcribe(clip, null))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("not a valid transcription");
    }

    @Test
    void largeUploadsAreSplitAndWordTimesShifted() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(ok()));
        // 1.2 s of 16 kHz 16-bit audio per upload: the 2.79 s clip goes up in 3 parts
        OpenAiTranscriptionProvider p = provider(Duration.ofSeconds(10), 0, 44 + 2 * 19_200);

        Transcript t = p.transcribe(clip, null);

        wm.verify(3, postRequestedFor(urlEqualTo(PATH)));
        assertThat(t.words()).hasSize(21);
        for (var e : wm.getAllServeEvents()) {
            assertThat(e.getRequest().getBody().length).isLessThan(44 + 2 * 19_200 + 4000);
        }
        // each part's words are shifted by the part's start: cuts land in the last fifth of each 1.2 s part
        double off1 = t.words().get(7).startSec() - 0.12;
        double off2 = t.words().get(14).startSec() - 0.12;
        assertThat(off1).isBetween(0.95, 1.21);
        assertThat(off2 - off1).isBetween(0.95, 1.21);
        assertThat(t.text()).startsWith("Um, go forward").contains(" Um, go forward");
    }

    @Test
    void llmRewriteUsesStructuredOutputAndOnlyMetrics() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
                           "message":{"role":"assistant","refusal":null,
                             "content":"{\\"findings\\":[{\\"code\\":\\"pace.too_fast\\",\\"message\\":\\"You race a bit.\\",\\"advice\\":\\"Breathe between points.\\"}]}"}}],
                         "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}
                        """)));
        LlmFeedbackRewriter rewriter = new LlmFeedbackRewriter(provider().client(), null);
        SpeechMetrics m = new SpeechMetricsAnalyzer().analyze(clip);
        List<Finding> rules = List.of(new Finding("pace.too_fast", Finding.Severity.WARNING, "Fast pace", "Slow down"),
                new Finding("pitch.monotone", Finding.Severity.WARNING, "Monotone", "Vary pitch"));

        List<Finding> out = rewriter.rewrite(m, null, rules);

        assertThat(out.get(0)).isEqualTo(new Finding("pace.too_fast", Finding.Severity.WARNING, "You race a bit.",
                "Breathe between points."));
        assertThat(out.get(1)).isEqualTo(rules.get(1));
        wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.strict", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(containing("pitchStdSemitones")));
    }

    @Test
    void llmFailureKeepsRuleFeedback() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"message\":\"bad\"}}")));
        List<Finding> rules = List.of(new Finding("pace.too_fast", Finding.Severity.WARNING, "Fast pace", "Slow down"));

        assertThat(new LlmFeedbackRewriter(provider().client(), null)
                .rewrite(new SpeechMetricsAnalyzer().analyze(clip), null, rules)).isSameAs(rules);
    }
}
