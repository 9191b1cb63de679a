package com.skillmirror.speech.step;

import com.skillmirror.speech.Transcript;

/** What was heard in one window, times already relative to the whole recording; error set when the provider failed. */
record WindowTranscript(int index, double startSec, double endSec, Transcript transcript, String error) {
}
