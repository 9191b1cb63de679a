package com.skillmirror.analysis;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.KinematicsFile;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.Video;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way to get a video's angle series: every tracked person's {@link KinematicSeries}, computed from the
 * landmark series once and stored as {@link Artifact#KINEMATICS}. The pose stage stores them; a video analysed
 * before that artifact existed has only its landmark series ({@link Artifact#POSE_SERIES}), so its kinematics are
 * computed and stored on first use, and every later reader gets the same numbers without computing them again.
 */
public final class VideoKinematics {

    private final StageResults results;

    public VideoKinematics(StageResults results) {
        this.results = results;
    }

    /** Every tracked person's kinematics; empty when the video has no landmarks (the pose stage stored none). */
    public Optional<List<KinematicSeries>> everyone(Video video) throws IOException {
        Optional<byte[]> stored = results.load(video.id(), Artifact.KINEMATICS);
        if (stored.isPresent()) {
            return Optional.of(KinematicsFile.read(stored.get()));
        }
        Optional<byte[]> landmarks = results.load(video.id(), Artifact.POSE_SERIES);
        if (landmarks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store(video, PoseSeries.read(new ByteArrayInputStream(landmarks.get()))));
    }

    /** One tracked person's kinematics (the athlete: the pose result's main person); empty without them. */
    public Optional<KinematicSeries> person(Video video, int personId) throws IOException {
        return everyone(video).flatMap(people -> people.stream().filter(k -> k.personId() == personId).findFirst());
    }

    /** Computes every tracked person's kinematics from the video's landmark series and stores them; returns them. */
    public List<KinematicSeries> store(Video video, PoseSeries series) throws IOException {
        List<KinematicSeries> people = new ArrayList<>();
        for (int id : series.personIds()) {
            people.add(Kinematics.of(series, id));
        }
        results.store(video.uploadId(), video.id(), Artifact.KINEMATICS, KinematicsFile.write(people));
        return people;
    }
}
