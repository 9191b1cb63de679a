package com.skillmirror.pose.step;

import com.skillmirror.pose.RgbImage;

/** One decoded proxy frame with its index at the analysis frame rate. */
record IndexedFrame(int index, long timeMs, RgbImage image) {
}
