package com.skillmirror.speech.step;

import com.skillmirror.speech.NoTranscriptionProvider;
import com.skillmirror.speech.PocketsphinxProvider;
import com.skillmirror.speech.TranscriptionProvider;
import com.skillmirror.speech.TranscriptionProviders;
import com.skillmirror.speech.VoskProvider;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.io.File;
import java.util.Arrays;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.speech.*
 *
 * @param provider openai, vosk, pocketsphinx, none, or auto (vosk, whose model ships with SkillMirror, when its native
 *                 library loads here; else pocketsphinx when it is installed; else none)
 * @param openaiApiKey API key for an OpenAI-compatible transcription server (never logged)
 * @param openaiBaseUrl its base URL (unset = OpenAI's); a self-hosted Whisper server works too
 * @param windowSeconds audio per committed chunk (the restart granularity)
 * @param language ISO language of the speech
 */
@ConfigurationProperties("skillmirror.speech")
@Validated
public record SpeechSettings(@DefaultValue("auto") @NotBlank String provider, String openaiApiKey, String openaiBaseUrl,
                             @DefaultValue("60") @Min(1) int windowSeconds, @DefaultValue("en") @NotBlank String language) {

    TranscriptionProvider createProvider() {
        String name = provider;
        if ("auto".equalsIgnoreCase(provider)) {
            name = VoskProvider.available() ? VoskProvider.NAME
                    : onPath(PocketsphinxProvider.DEFAULT_BINARY) ? PocketsphinxProvider.NAME : NoTranscriptionProvider.NAME;
        }
        return TranscriptionProviders.create(name, openaiApiKey, openaiBaseUrl);
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, binary).canExecute());
    }

    @Override
    public String toString() {
        return "SpeechSettings[provider=" + provider + ", openaiBaseUrl=" + openaiBaseUrl + ", windowSeconds="
                + windowSeconds + ", language=" + language + "]";
    }
}
