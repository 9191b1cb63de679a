package com.skillmirror.speech;

/** One recognised word with its time span in seconds from the start of the clip. */
public record TranscriptWord(String word, double startSec, double endSec) {
}
