package com.skillmirror.pose.step;

import com.skillmirror.pose.PoseModel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * skillmirror.pose.*
 *
 * @param model landmark model: LITE, FULL or HEAVY
 * @param maxPeople people tracked per clip (team clips); the main one is picked for single-athlete clips
 * @param maxFps analysis frame rate ceiling; the proxy is analysed frame by frame up to it
 * @param chunkFrames frames per committed chunk (the restart granularity)
 * @param segmentFrames frames per partition: long videos are split into segments analysed in parallel
 * @param threads interpreter threads per partition (1 is best on small machines: parallelism comes from partitions)
 * @param overlayVideo also render the skeleton-overlay video (key frames and exports are always written)
 */
@ConfigurationProperties("skillmirror.pose")
public record PoseSettings(@DefaultValue("FULL") PoseModel model, @DefaultValue("4") int maxPeople,
                           @DefaultValue("30") double maxFps, @DefaultValue("30") int chunkFrames,
                           @DefaultValue("900") int segmentFrames, @DefaultValue("1") int threads,
                           @DefaultValue("true") boolean overlayVideo) {
}
