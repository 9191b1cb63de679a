package com.skillmirror.landmarks;

import java.util.List;

/** The people found in one analysed frame of a video; an empty list is a frame where nobody was found (a gap). */
public record PoseFrame(int index, long timeMs, List<PersonPose> people) {

    public PoseFrame {
        people = List.copyOf(people);
    }

    /** The person with this track id, or null when that person was not found in this frame. */
    public PersonPose person(int id) {
        for (PersonPose p : people) {
            if (p.id() == id) {
                return p;
            }
        }
        return null;
    }
}
