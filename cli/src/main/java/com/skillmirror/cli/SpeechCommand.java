package com.skillmirror.cli;

import com.skillmirror.speech.AudioClip;
import com.skillmirror.speech.NoAudioException;
import com.skillmirror.speech.SpeechAnalyzer;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.speech.TranscriptionProviders;
import com.skillmirror.speech.VoskProvider;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * `skillmirror speech [--provider vosk|openai|pocketsphinx|none] [--base-url URL] AUDIO|VIDEO`: delivery metrics,
 * transcript, fillers and feedback as JSON on stdout. The OpenAI key comes from OPENAI_API_KEY, never the command line.
 */
final class SpeechCommand {

    private SpeechCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String provider = VoskProvider.NAME;
        String baseUrl = System.getenv("OPENAI_BASE_URL");
        Path input = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--provider" -> provider = PoseCommand.value(args, ++i, "--provider");
                case "--base-url" -> baseUrl = PoseCommand.value(args, ++i, "--base-url");
                default -> {
                    if (args[i].startsWith("--") || input != null) {
                        throw new Cli.UsageException("unexpected argument " + args[i]);
                    }
                    input = Path.of(args[i]);
                }
            }
        }
        if (input == null || !Files.isRegularFile(input)) {
            throw new Cli.UsageException(input == null ? "give an audio or video file" : "no such file: " + input);
        }
        if ("openai".equalsIgnoreCase(provider) && System.getenv("OPENAI_API_KEY") == null) {
            throw new Cli.UsageException("--provider openai needs the OPENAI_API_KEY environment variable");
        }
        AudioClip clip;
        try {
            clip = AudioClip.read(input);
        } catch (NoAudioException e) {
            err.println("speech: " + e.getMessage());
            return 1;
        }
        SpeechResult result = new SpeechAnalyzer().analyze(clip,
                TranscriptionProviders.create(provider, System.getenv("OPENAI_API_KEY"), baseUrl));
        out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(result));
        return 0;
    }
}
