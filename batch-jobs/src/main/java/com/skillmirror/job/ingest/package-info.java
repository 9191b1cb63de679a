/**
 * Expert ingest: drops of expert videos become expert patterns.
 * <p>Reads: a drop location (a storage prefix, or a folder) holding one folder per drop: {@code manifest.yaml}
 * (expert profile, skill, takes, credits, licence) and the take videos.
 * <p>Writes: the takes analysed by the same analysis job as any upload, one versioned content-hashed pattern per
 * drop ({@link com.skillmirror.expert.ExpertPatterns}), and an {@code expert_ingest} row with the ingest report.
 * A drop already ingested (same content) is skipped; a take that cannot be analysed is reported and left out.
 */
package com.skillmirror.job.ingest;
