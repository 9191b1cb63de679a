package com.skillmirror.speech;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Chooses a {@link TranscriptionProvider} by name: {@code openai | vosk | pocketsphinx | none}. */
public final class TranscriptionProviders {

    private TranscriptionProviders() {
    }

    /**
     * @param name         openai, vosk, pocketsphinx or none (case-insensitive; null/blank = none)
     * @param openAiApiKey needed only for openai
     * @param openAiBaseUrl null for api.openai.com, or an OpenAI-compatible server such as a self-hosted Whisper
     */
    public static TranscriptionProvider create(String name, String openAiApiKey, String openAiBaseUrl) {
        String n = name == null || name.isBlank() ? NoTranscriptionProvider.NAME : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case OpenAiTranscriptionProvider.NAME -> new OpenAiTranscriptionProvider(
                    new OpenAiTranscriptionProvider.Settings(openAiApiKey, openAiBaseUrl, null, Duration.ofMinutes(5), 3, 0));
            case VoskProvider.NAME -> new VoskProvider();
            case PocketsphinxProvider.NAME -> new PocketsphinxProvider();
            case NoTranscriptionProvider.NAME -> new NoTranscriptionProvider();
            default -> throw new IllegalArgumentException("Unknown transcription provider '" + name
                    + "': choose one of " + names());
        };
    }

    public static List<String> names() {
        return List.of(OpenAiTranscriptionProvider.NAME, VoskProvider.NAME, PocketsphinxProvider.NAME, NoTranscriptionProvider.NAME);
    }
}
