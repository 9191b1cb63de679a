package com.skillmirror.speech;

/**
 * One piece of feedback.
 *
 * @param code     stable id of the rule ("pace.too_fast", "fillers.many"...)
 * @param severity info, warning or problem
 */
public record Finding(String code, Severity severity, String message, String advice) {

    public enum Severity { INFO, WARNING, PROBLEM }
}
