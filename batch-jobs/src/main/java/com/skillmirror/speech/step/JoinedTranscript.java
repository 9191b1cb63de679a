package com.skillmirror.speech.step;

import com.skillmirror.speech.AudioClip;
import com.skillmirror.speech.Transcript;
import com.skillmirror.speech.TranscriptWord;
import com.skillmirror.speech.TranscriptionException;
import com.skillmirror.speech.TranscriptionOptions;
import com.skillmirror.speech.TranscriptionProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The windows' transcripts joined into one, served to the speech analyzer as if its provider had transcribed the
 * whole recording (the windows were transcribed, and committed, by the step).
 */
final class JoinedTranscript implements TranscriptionProvider {

    private final String name;
    private final boolean approximate;
    private final List<WindowTranscript> windows;

    JoinedTranscript(String name, boolean approximate, List<WindowTranscript> windows) {
        this.name = name;
        this.approximate = approximate;
        this.windows = windows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean approximate() {
        return approximate;
    }

    @Override
    public Transcript transcribe(AudioClip clip, TranscriptionOptions opts) {
        List<String> errors = windows.stream().filter(w -> w.error() != null)
                .map(w -> "window " + w.index() + " (" + Math.round(w.startSec()) + "-" + Math.round(w.endSec()) + " s): "
                        + w.error()).toList();
        if (!errors.isEmpty()) {
            throw new TranscriptionException(String.join("; ", errors));
        }
        List<TranscriptWord> words = new ArrayList<>();
        String language = null;
        for (WindowTranscript w : windows) {
            words.addAll(w.transcript().words());
            language = language != null ? language : w.transcript().language();
        }
        String text = windows.stream().map(w -> w.transcript().text()).filter(t -> t != null && !t.isBlank())
                .map(String::strip).collect(Collectors.joining(" "));
        return new Transcript(text, words, language, name, approximate);
    }
}
