package com.skillmirror.speech;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;

import tools.jackson.databind.json.JsonMapper;

/**
 * Optional: rewrites the rule findings into friendlier coaching text with a chat model (structured output). It is
 * given the numbers and the rule findings only - never audio, never the transcript. Any failure keeps the rule text.
 */
public final class LlmFeedbackRewriter {

    private static final Logger LOG = LoggerFactory.getLogger(LlmFeedbackRewriter.class);
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** JSON schema of {@link Rewrite} for structured output (strict mode: all fields required, no extras). */
    private static final ResponseFormatJsonSchema.JsonSchema.Schema SCHEMA = ResponseFormatJsonSchema.JsonSchema.Schema
            .builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("additionalProperties", JsonValue.from(false))
            .putAdditionalProperty("required", JsonValue.from(List.of("findings")))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("findings", Map.of("type", "array", "items",
                    Map.of("type", "object", "additionalProperties", false,
                            "required", List.of("code", "message", "advice"),
                            "properties", Map.of("code", Map.of("type", "string"),
                                    "message", Map.of("type", "string"),
                                    "advice", Map.of("type", "string")))))))
            .build();

    /** The structured answer: one item per input finding, same code. */
    public static class Rewrite {
        public List<Item> findings;
    }

    public static class Item {
        public String code;
        public String message;
        public String advice;
    }

    private final OpenAIClient client;
    private final String model;

    public LlmFeedbackRewriter(OpenAIClient client, String model) {
        this.client = client;
        this.model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
    }

    /** The rewritten findings, or {@code findings} unchanged when the model fails or answers off-format. */
    public List<Finding> rewrite(SpeechMetrics metrics, TranscriptStats stats, List<Finding> findings) {
        try {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model)
                    .addSystemMessage("You are a friendly public-speaking coach. Rewrite each finding's message and "
                            + "advice in plain, encouraging English (max 2 sentences each). Keep every code, keep "
                            + "the numbers, invent nothing. Answer with the same number of findings.")
                    .addUserMessage(JSON.writeValueAsString(input(metrics, stats, findings)))
                    .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema
                            .builder().name("speech_feedback").strict(true).schema(SCHEMA).build()).build())
                    .build();
            String content = client.chat().completions().create(params).choices().get(0).message().content()
                    .orElseThrow(() -> new IllegalStateException("the model refused or sent no content"));
            Rewrite r = JSON.readValue(content, Rewrite.class);
            List<Finding> out = new ArrayList<>();
            for (Finding f : findings) {
                Item item = r.findings == null ? null : r.findings.stream()
                        .filter(i -> f.code().equals(i.code)).findFirst().orElse(null);
                out.add(item == null || item.message == null ? f
                        : new Finding(f.code(), f.severity(), item.message, item.advice == null ? f.advice() : item.advice));
            }
            return out;
        } catch (RuntimeException e) { // OpenAIException included
            LOG.warn("LLM feedback rewrite failed, keeping the rule feedback: {}", e.getMessage());
            return findings;
        }
    }

    static Map<String, Object> input(SpeechMetrics m, TranscriptStats t, List<Finding> findings) {
        Map<String, Object> in = new LinkedHashMap<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("durationSec", m.durationSec());
        metrics.put("pauseCount", m.pauseCount());
        metrics.put("longestPauseSec", m.longestPauseSec());
        metrics.put("pauseRatio", m.pauseRatio());
        metrics.put("pitchMeanHz", m.pitch().meanHz());
        metrics.put("pitchStdSemitones", m.pitch().stdSemitones());
        metrics.put("loudnessStdDb", m.loudness().stdDb());
        metrics.put("syllablesPerSec", m.rate().syllablesPerSec());
        if (t != null) {
            metrics.put("wordsPerMinute", t.wordsPerMinute());
            metrics.put("fillersPerMinute", t.fillersPerMinute());
            metrics.put("repeatedWords", t.repeats().size());
        }
        in.put("metrics", metrics);
        in.put("findings", findings);
        return in;
    }
}
