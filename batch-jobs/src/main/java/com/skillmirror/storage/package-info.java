/**
 * Object storage (local disk, encrypted at rest, or S3) and what is stored in it.
 * <p>{@link com.skillmirror.storage.Artifact} is the catalogue of a video's outputs (stored kind, file name, content
 * type, whether users get it), {@link com.skillmirror.storage.UploadArtifact} of an upload's (the team report), and
 * {@link com.skillmirror.storage.StorageKeys} the only place keys are built: artifacts, originals, the stages' working
 * objects (pose chunks, speech windows) and expert patterns. Stages store and find artifacts through
 * {@code analysis.StageResults}. {@code ArtifactLiteralsTest} fails on an artifact name or key folder spelt elsewhere.
 */
package com.skillmirror.storage;
