package com.skillmirror.expert;

/**
 * Who the expert of a VIDEO pattern is, as the person supplying the footage states it. Never filled in by us:
 * seed data that has no real person uses a PUBLISHED_NORM pattern instead.
 *
 * @param credits        who filmed / provided the footage
 * @param footageLicence the licence the footage is used under (e.g. "CC-BY-4.0", "club-internal, consent on file")
 */
public record ExpertProfile(String name, String achievements, String credits, String footageLicence) {
}
