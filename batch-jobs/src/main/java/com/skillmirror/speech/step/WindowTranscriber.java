package com.skillmirror.speech.step;

import com.skillmirror.speech.Transcript;
import com.skillmirror.speech.TranscriptionException;
import com.skillmirror.speech.TranscriptionOptions;
import com.skillmirror.speech.TranscriptionProvider;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Transcribes one window; a provider failure is kept as the window's error (metrics still come later). */
class WindowTranscriber implements ItemProcessor<AudioWindow, WindowTranscript> {

    private final TranscriptionProvider provider;
    private final TranscriptionOptions options;

    WindowTranscriber(TranscriptionProvider provider, TranscriptionOptions options) {
        this.provider = provider;
        this.options = options;
    }

    @Override
    public WindowTranscript process(AudioWindow window) {
        try {
            Transcript t = provider.transcribe(window.clip(), options);
            Transcript shifted = new Transcript(t.text(), t.words().stream()
                    .map(w -> w.shiftedBy(window.startSec()))
                    .toList(), t.language(), t.provider(), t.approximate());
            return new WindowTranscript(window.index(), window.startSec(), window.endSec(), shifted, null);
        } catch (TranscriptionException e) {
            return new WindowTranscript(window.index(), window.startSec(), window.endSec(), null, e.getMessage());
        }
    }
}
