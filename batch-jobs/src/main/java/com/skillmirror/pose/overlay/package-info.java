/**
 * Skeleton overlays for people to look at: key frames as JPEG and whole videos as H.264 MP4, the BlazePose bones
 * and joints drawn over the analysis proxy, coloured by side. Java2D draws them: one frame per output frame, off
 * the analysis hot path.
 */
package com.skillmirror.pose.overlay;
