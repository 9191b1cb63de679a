package com.skillmirror.speech.step;

import com.skillmirror.analysis.StepProgress;
import com.skillmirror.speech.AudioClip;
import com.skillmirror.speech.AudioSplitter;
import com.skillmirror.storage.ObjectStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** The video's audio in windows cut at quiet moments; a restart resumes at the first window not yet committed. */
class AudioWindowReader implements ItemStreamReader<AudioWindow> {

    static final String NEXT_WINDOW = "speech.nextWindow";
    static final String WINDOWS = "speech.windows";

    private final ObjectStorage storage;
    private final String audioKey;
    private final int windowSeconds;
    private final StepProgress steps;
    private AudioClip clip;
    private List<double[]> windows;
    private int next;

    /** @param steps the speech sub-step's progress: windows handed out of all (a window is read when the previous is done) */
    AudioWindowReader(ObjectStorage storage, String audioKey, int windowSeconds, StepProgress steps) {
        this.storage = storage;
        this.audioKey = audioKey;
        this.windowSeconds = windowSeconds;
        this.steps = steps;
    }

    @Override
    public void open(ExecutionContext context) {
        Path local = null;
        try {
            local = Files.createTempFile("skillmirror-audio-", ".wav");
            storage.download(audioKey, local);
            clip = AudioClip.read(local);
        } catch (IOException e) {
            throw new ItemStreamException("Could not read the audio " + audioKey + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(local);
        }
        windows = AudioSplitter.split(clip, (long) windowSeconds * clip.sampleRate());
        next = context.getInt(NEXT_WINDOW, 0);
        context.putInt(WINDOWS, windows.size());
    }

    @Override
    public AudioWindow read() {
        steps.report("speech", next / (double) Math.max(1, windows.size()), "transcribing: window " + next + " of "
                + windows.size() + " done");
        if (next >= windows.size()) {
            return null;
        }
        double[] w = windows.get(next);
        return new AudioWindow(next++, w[0], w[1], clip.slice(w[0], w[1]));
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(NEXT_WINDOW, next);
    }

    @Override
    public void close() {
        clip = null;
    }

    private static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
