package com.skillmirror.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speech engine's entry point: audio metrics, transcription, transcript statistics and feedback in one call.
 * Thread-safe when its provider is.
 *
 * <pre>{@code
 * SpeechAnalyzer analyzer = new SpeechAnalyzer();
 * SpeechResult r = analyzer.analyze(AudioClip.read(path), TranscriptionProviders.create("vosk", null, null));
 * }</pre>
 */
public final class SpeechAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechAnalyzer.class);

    private final SpeechMetricsAnalyzer metricsAnalyzer;
    private final SpeechFeedback feedback;
    private final LlmFeedbackRewriter rewriter;
    private final FillerWords fillerOverride;

    public SpeechAnalyzer() {
        this(SpeechConfig.defaults(), SpeechFeedback.Targets.defaults(), null, null);
    }

    /**
     * @param fillers  null = the built-in list for the transcript's language
     * @param rewriter null = rule feedback only
     */
    public SpeechAnalyzer(SpeechConfig config, SpeechFeedback.Targets targets, FillerWords fillers,
            LlmFeedbackRewriter rewriter) {
        this.metricsAnalyzer = new SpeechMetricsAnalyzer(config);
        this.feedback = new SpeechFeedback(targets);
        this.fillerOverride = fillers;
        this.rewriter = rewriter;
    }

    public SpeechResult analyze(Path media, TranscriptionProvider provider) {
        return analyze(AudioClip.read(media), provider, TranscriptionOptions.defaults());
    }

    public SpeechResult analyze(AudioClip clip, TranscriptionProvider provider) {
        return analyze(clip, provider, TranscriptionOptions.defaults());
    }

    public SpeechResult analyze(AudioClip clip, TranscriptionProvider provider, TranscriptionOptions opts) {
        SpeechMetrics metrics = metricsAnalyzer.analyze(clip);
        Transcript transcript = null;
        String error = null;
        if (!metrics.noSpeechDetected() && !(provider instanceof NoTranscriptionProvider)) {
            try {
                transcript = provider.transcribe(clip, opts);
            } catch (TranscriptionException e) {
                LOG.warn("Transcription with {} failed: {}", provider.name(), e.getMessage());
                error = e.getMessage();
            }
        }
        TranscriptStats stats = null;
        if (transcript != null && !transcript.words().isEmpty()) {
            FillerWords fillers = fillerOverride != null ? fillerOverride
                    : FillerWords.forLanguage(transcript.language() != null ? transcript.language()
                            : opts == null ? null : opts.language());
            stats = TranscriptStats.of(transcript, fillers, metrics.phonationSec());
        }
        TranscriptConfidence confidence = stats == null ? null : TranscriptConfidence.of(transcript);
        List<Finding> findings = new ArrayList<>(feedback.evaluate(metrics, stats, confidence));
        String source = "rules";
        if (rewriter != null && !metrics.noSpeechDetected()) {
            List<Finding> rewritten = rewriter.rewrite(metrics, stats, findings);
            if (rewritten != findings) {
                findings = keepPoorTranscriptMarks(findings, rewritten, confidence == null ? null : confidence.note());
                source = "llm";
            }
        }
        if (error != null) {
            findings.add(0, new Finding("transcription.failed", Finding.Severity.PROBLEM,
                    "Transcription failed: " + error, "Metrics from the audio are still shown; fix the provider "
                            + "settings or choose another provider (vosk and pocketsphinx work offline)."));
        }
        return new SpeechResult(provider.name(), transcript != null && provider.approximate(),
                metrics.noSpeechDetected(), metrics.noSpeechReason(), metrics.durationSec(), metrics, transcript, stats,
                error, findings, source, confidence);
    }

    /**
     * The rewritten findings, each keeping the "rests on a poor transcript" mark its rule finding had: the chat
     * model rewrites the wording and may drop it, but a word count of a doubtful transcript must stay marked.
     */
    static List<Finding> keepPoorTranscriptMarks(List<Finding> rules, List<Finding> rewritten, String note) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : rewritten) {
            boolean marked = note != null && rules.stream().anyMatch(r -> r.code().equals(f.code())
                    && r.message() != null && r.message().contains(note));
            out.add(marked && (f.message() == null || !f.message().contains(note))
                    ? new Finding(f.code(), f.severity(), (f.message() == null ? "" : f.message() + " ") + note, f.advice())
                    : f);
        }
        return out;
    }
}
