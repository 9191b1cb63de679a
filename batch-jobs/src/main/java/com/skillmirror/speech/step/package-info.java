/**
 * Stage 3, speech: a chunk-oriented step per video with an audio track, then a per-upload summary.
 * <p>Reads: {@code audio.wav} (16 kHz mono) written by decode.
 * <p>Writes: the transcript of each audio window ({@code speech/windows/<n>.json}; windows of at most
 * {@code skillmirror.speech.window-seconds}, cut at the quietest moment, one object per committed window so a
 * restart resumes at the next window); the summary joins them and adds the delivery metrics (pauses, pitch,
 * loudness, rate), transcript statistics (pace, fillers, repeats), the transcript's confidence and feedback: {@code speech/result.json} and
 * {@code stage_result} speech ({@link com.skillmirror.speech.SpeechResult}). No audio track or no speech is a result ("skipped" / "no speech detected"), not a failure.
 */
package com.skillmirror.speech.step;
