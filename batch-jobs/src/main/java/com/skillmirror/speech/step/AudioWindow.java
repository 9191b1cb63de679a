package com.skillmirror.speech.step;

import com.skillmirror.speech.AudioClip;

/** One window of a video's audio: the unit that is transcribed and committed. */
record AudioWindow(int index, double startSec, double endSec, AudioClip clip) {
}
