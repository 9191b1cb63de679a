/**
 * The analysis' own Micrometer meters (core: depends on nothing of ours, so every layer can count): pose frames and
 * inference time, videos failed by stage and bounded reason, uploads and their bytes. Tags are bounded sets only.
 * Spring Batch's own observations (job, step, item, chunk) are switched on by Spring Boot when the app has an
 * observation registry (the actuator); the apps expose both at {@code /actuator/prometheus} on the management port.
 */
package com.skillmirror.metrics;
