/**
 * Progress over time: an athlete's analyses per skill ({@link com.skillmirror.report.progress.ProgressHistory}), the
 * key metrics followed ({@link com.skillmirror.report.progress.KeyMetrics}) and what changed since the previous
 * analysis ({@link com.skillmirror.report.progress.SinceLastTime}). The per-video report shows the latter; the portal
 * serves {@code ReportRenderer.progressHtml(AthleteProgress)} per athlete.
 */
package com.skillmirror.report.progress;
