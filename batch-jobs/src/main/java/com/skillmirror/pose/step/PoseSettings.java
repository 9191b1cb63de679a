package com.skillmirror.pose.step;

import com.skillmirror.landmarks.PoseModel;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.pose.*
 *
 * @param model landmark model: LITE, FULL or HEAVY
 * @param maxPeople people tracked per clip (team clips); the main one is picked for single-athlete clips
 * @param maxFps analysis frame rate ceiling; the proxy is analysed frame by frame up to it
 * @param chunkFrames frames per committed chunk (the restart granularity)
 * @param segmentFrames frames per partition: long videos are split into segments analysed in parallel; 450 (15 s at
 *     30 fps) gives a 60 s clip four segments, which two threads finish together (two of 900 took 15.5 and 18.6 s)
 * @param threads interpreter threads per partition (1 is best on small machines: parallelism comes from partitions)
 * @param overlayVideo also render the skeleton-overlay video (key frames and exports are always written)
 */
@ConfigurationProperties("skillmirror.pose")
@Validated
public record PoseSettings(@DefaultValue("FULL") @NotNull PoseModel model, @DefaultValue("4") @Min(1) int maxPeople,
                           @DefaultValue("30") @Positive double maxFps, @DefaultValue("30") @Min(1) int chunkFrames,
                           @DefaultValue("450") @Min(1) int segmentFrames, @DefaultValue("1") @Min(1) int threads,
                           @DefaultValue("true") boolean overlayVideo) {
}
