/**
 * Experts and their patterns as stored: skills synced from their definition files into {@code skill}, experts in
 * {@code expert}, patterns in {@code expert_pattern} (one row per content hash, the curves as JSON in object
 * storage), patterns from published norms seeded at start and labelled as such.
 */
package com.skillmirror.expert;
