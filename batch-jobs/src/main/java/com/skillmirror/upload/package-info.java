/**
 * Uploads and their videos: files taken in ({@link com.skillmirror.upload.UploadService}) and the upload aggregate
 * ({@link com.skillmirror.upload.VideoRepository}, the only writer of the {@code upload} and {@code video} tables).
 * An upload is inserted complete, with its team, creator and each video's roster athlete, in one transaction.
 * <p>Read models: a few read-only queries join these tables with other aggregates' for one screen or check, where
 * going through this repository would only add a round trip per row. They are the only other readers:
 * <ul>
 *   <li>{@code portal.access.AccessPolicy}: who may see an upload or video (team membership, the athlete's own
 *       account);</li>
 *   <li>{@code portal.expert.ExpertComparisons}: the videos with landmarks a user may compare, by the same rule;</li>
 *   <li>{@code report.progress.ProgressHistory}: an athlete's analyses over time, from comparisons and stage
 *       results;</li>
 *   <li>{@code expert.ExpertPatterns}: the key frames of the first analysed take of an expert pattern.</li>
 * </ul>
 * {@code TableOwnersTest} keeps it so.
 */
package com.skillmirror.upload;
