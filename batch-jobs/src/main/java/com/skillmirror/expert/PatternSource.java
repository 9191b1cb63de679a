package com.skillmirror.expert;

/** Where a pattern's curves come from. */
public enum PatternSource {
    /** Averaged from real footage of a named expert. */
    VIDEO,
    /** A smooth curve through key positions described in a cited published norm: no person's movement. */
    PUBLISHED_NORM
}
