package com.skillmirror.upload;

import java.io.IOException;
import java.io.InputStream;

/** A file arriving in an upload: its name as the user gave it, its size, how to read it, and its tags. */
public record IncomingFile(String originalName, long size, Opener content, String athleteName, String skillId) {

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
