package com.skillmirror.speech;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.MultipartField;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.transcriptions.TranscriptionSegment;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import com.openai.models.audio.transcriptions.TranscriptionWord;

/**
 * Transcription through an OpenAI-compatible {@code /v1/audio/transcriptions} endpoint (OpenAI itself, or a
 * self-hosted Whisper server via the base URL): {@code whisper-1}, {@code verbose_json}, word and segment timestamps
 * (a word's confidence is its segment's mean token probability), a prompt
 * that keeps filler words. Audio goes up as a 16 kHz mono WAV with a file name; recordings whose WAV exceeds the
 * 25 MB upload limit are cut at quiet points and the parts' word times shifted back onto the clip's timeline.
 *
 * <p>Retries: the client retries 408/409/429/5xx and connection failures ({@code maxRetries}, exponential backoff,
 * honouring {@code Retry-After}). The API key is never logged nor put into exception messages.
 */
public final class OpenAiTranscriptionProvider implements TranscriptionProvider {

    public static final String NAME = "openai";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "whisper-1";
    /** OpenAI's upload limit is 25 MB; stay a little under it. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 24L * 1024 * 1024;
    /** Whisper drops "um"/"uh" unless the prompt shows them. */
    public static final String FILLER_PROMPT = "Um, uh, so, like, you know, I mean... Hmm, er, ah, well, basically, "
            + "actually. I was like, um, going to the, uh, the store.";

    private static final Map<String, String> LANGUAGE_CODES = Map.ofEntries(Map.entry("english", "en"),
            Map.entry("german", "de"), Map.entry("french", "fr"), Map.entry("spanish", "es"),
            Map.entry("italian", "it"), Map.entry("portuguese", "pt"), Map.entry("dutch", "nl"),
            Map.entry("polish", "pl"), Map.entry("russian", "ru"), Map.entry("japanese", "ja"),
            Map.entry("chinese", "zh"), Map.entry("korean", "ko"));

    private final OpenAIClient client;
    private final String baseUrl;
    private final String model;
    private final long maxUploadBytes;
    private final int maxRetries;

    /** Settings; {@code apiKey} is required, the rest may be null/0 for defaults. */
    public record Settings(String apiKey, String baseUrl, String model, Duration timeout, int maxRetries,
            long maxUploadBytes) {

        public Settings {
            if (apiKey == null || apiKey.isBlank()) {
                throw new TranscriptionException("The openai transcription provider needs an API key "
                        + "(set OPENAI_API_KEY or skillmirror.speech.openai.api-key), or choose vosk, pocketsphinx or none");
            }
            baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl;
            model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
            timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
            maxRetries = maxRetries < 0 ? 3 : maxRetries;
            maxUploadBytes = maxUploadBytes <= 0 ? DEFAULT_MAX_UPLOAD_BYTES : maxUploadBytes;
        }

        public static Settings of(String apiKey, String baseUrl) {
            return new Settings(apiKey, baseUrl, null, null, 3, 0);
        }

        @Override
        public String toString() {
            return "Settings[baseUrl=" + baseUrl + ", model=" + model + ", timeout=" + timeout + ", maxRetries="
                    + maxRetries + ", maxUploadBytes=" + maxUploadBytes + ", apiKey=***]";
        }
    }

    public OpenAiTranscriptionProvider(Settings settings) {
        this.client = OpenAIOkHttpClient.builder().apiKey(settings.apiKey()).baseUrl(settings.baseUrl())
                .timeout(settings.timeout()).maxRetries(settings.maxRetries()).build();
        this.baseUrl = settings.baseUrl();
        this.model = settings.model();
        this.maxUploadBytes = settings.maxUploadBytes();
        this.maxRetries = settings.maxRetries();
    }

    /** The underlying client, shared with {@link LlmFeedbackRewriter}. */
    public OpenAIClient client() {
        return client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean approximate() {
        return false;
    }

    @Override
    public Transcript transcribe(AudioClip clip, TranscriptionOptions opts) {
        TranscriptionOptions o = opts == null ? TranscriptionOptions.defaults() : opts;
        List<double[]> parts = AudioSplitter.split(clip, (maxUploadBytes - 44) / 2);
        List<TranscriptWord> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String language = o.language();
        for (double[] part : parts) {
            AudioClip piece = parts.size() == 1 ? clip : clip.slice(part[0], part[1]);
            TranscriptionVerbose v = call(piece, o, parts.size() > 1 ? parts.indexOf(part) + 1 + "/" + parts.size() : "");
            try {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(v.text().strip());
                List<TranscriptionSegment> segments = v.segments().orElse(List.of());
                for (TranscriptionWord w : v.words().orElse(List.of())) {
                    words.add(new TranscriptWord(w.word(), round3(w.start() + part[0]), round3(w.end() + part[0]),
                            segmentConfidence(segments, w)));
                }
                if (language == null) {
                    language = v._language().asString().map(OpenAiTranscriptionProvider::languageCode).orElse(null);
                }
            } catch (OpenAIInvalidDataException e) {
                throw brokenBody(e);
            }
        }
        return new Transcript(text.toString(), words, language, NAME, false);
    }

    private TranscriptionVerbose call(AudioClip piece, TranscriptionOptions o, String partLabel) {
        MultipartField<InputStream> file = MultipartField.<InputStream>builder()
                .value(new ByteArrayInputStream(piece.toWav())).filename("speech.wav").contentType("audio/wav").build();
        TranscriptionCreateParams.Builder b = TranscriptionCreateParams.builder().file(file).model(model)
                .responseFormat(AudioResponseFormat.VERBOSE_JSON)
                .addTimestampGranularity(TranscriptionCreateParams.TimestampGranularity.WORD)
                .addTimestampGranularity(TranscriptionCreateParams.TimestampGranularity.SEGMENT)
                .prompt(o.prompt() == null ? FILLER_PROMPT : o.prompt()).temperature(0.0);
        if (o.language() != null) {
            b.language(o.language());
        }
        String where = "transcription service at " + baseUrl + (partLabel.isEmpty() ? "" : " (part " + partLabel + ")");
        try {
            TranscriptionCreateResponse r = client.audio().transcriptions().create(b.build());
            if (r.isVerbose()) {
                return r.asVerbose();
            }
            if (r.isTranscription()) {
                // a server that ignored verbose_json: text without word times
                return TranscriptionVerbose.builder().text(r.asTranscription().text()).duration(piece.durationSec())
                        .language(o.language() == null ? "" : o.language()).build();
            }
            throw new TranscriptionException("The " + where + " answered in an unexpected format");
        } catch (UnauthorizedException | PermissionDeniedException e) {
            throw new TranscriptionException("API key rejected (HTTP " + e.statusCode() + ") by the " + where
                    + ": check the configured OpenAI API key", e);
        } catch (RateLimitException e) {
            throw new TranscriptionException("Rate limited (HTTP 429) by the " + where + " after " + maxRetries
                    + " retries: try again later or raise the account's limits", e);
        } catch (InternalServerException e) {
            throw new TranscriptionException("The " + where + " failed (HTTP " + e.statusCode() + ") after "
                    + maxRetries + " retries", e);
        } catch (OpenAIServiceException e) {
            throw new TranscriptionException("The " + where + " refused the request (HTTP " + e.statusCode() + "): "
                    + e.getMessage(), e);
        } catch (OpenAIIoException | OpenAIRetryableException e) {
            throw new TranscriptionException("Could not reach the " + where + " (timed out or connection failed after "
                    + maxRetries + " retries): " + rootMessage(e), e);
        } catch (OpenAIInvalidDataException e) {
            throw brokenBody(e);
        } catch (OpenAIException e) {
            throw new TranscriptionException("The " + where + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The word's confidence: the mean token probability (exp of {@code avg_logprob}) of the segment holding the
     * word's middle. whisper-1 gives no per-word probabilities, so every word of a segment shares its segment's;
     * null when the server sent no segments or no {@code avg_logprob} (some self-hosted servers).
     */
    static Double segmentConfidence(List<TranscriptionSegment> segments, TranscriptionWord w) {
        double mid = (w.start() + w.end()) / 2;
        for (TranscriptionSegment s : segments) {
            var start = s._start().asKnown();
            var end = s._end().asKnown();
            var logprob = s._avgLogprob().asKnown();
            if (start.isPresent() && end.isPresent() && logprob.isPresent() && mid >= start.get() && mid <= end.get()) {
                double p = Math.exp(Math.min(0, logprob.get()));
                return Math.round(p * 1000.0) / 1000.0;
            }
        }
        return null;
    }

    private TranscriptionException brokenBody(Exception e) {
        return new TranscriptionException("The transcription service at " + baseUrl
                + " returned a response that is not a valid transcription (broken or truncated JSON)", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static String languageCode(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT).strip();
        return n.length() == 2 ? n : LANGUAGE_CODES.getOrDefault(n, n);
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
