package com.skillmirror.speech;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One recognised word with its time span in seconds from the start of the clip.
 *
 * @param confidence how sure the recogniser was of the word, 0..1: vosk's or pocketsphinx's word posterior
 *                   probability, or for the openai provider the mean token probability of the word's segment; null =
 *                   unknown (the provider gives none, or the result was stored before confidences existed)
 */
public record TranscriptWord(String word, double startSec, double endSec,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double confidence) {

    public TranscriptWord(String word, double startSec, double endSec) {
        this(word, startSec, endSec, null);
    }

    /** The same word moved by {@code sec} on the timeline (a window's or part's start). */
    public TranscriptWord shiftedBy(double sec) {
        return new TranscriptWord(word, startSec + sec, endSec + sec, confidence);
    }
}
