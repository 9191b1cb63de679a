/**
 * Experts and their patterns: the pattern model ({@link com.skillmirror.expert.ExpertPattern}, mean and spread
 * curves per joint, events, provenance, content hash) and its store ({@link com.skillmirror.expert.ExpertPatterns}:
 * experts in {@code expert}, patterns in {@code expert_pattern}, one row per content hash, the curves as JSON in
 * object storage). Patterns are built by {@code compare.PatternBuilder} (expert takes, or a skill's published norm,
 * seeded at start by {@code compare.PublishedNorms}).
 */
package com.skillmirror.expert;
