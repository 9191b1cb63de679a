package com.skillmirror.speech;

import java.nio.file.Path;

/** The input has no audio stream (e.g. a silent video). Not a crash: callers report "no audio". */
public class NoAudioException extends SpeechException {

    private final transient Path path;

    public NoAudioException(Path path) {
        super("No audio track in " + path.getFileName() + ": speech analysis needs a recording with sound");
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
