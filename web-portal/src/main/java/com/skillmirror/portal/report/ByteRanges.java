package com.skillmirror.portal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a Range header (RFC 9110 §14) asks of a stored file of known size, as the portal answers it. Overlapping and
 * adjacent ranges are merged, so a repeated or overlapping range costs nothing extra; what is left after merging
 * is capped, because every separate range is a separate read from storage. Whatever cannot be served is refused
 * (416) rather than served whole, so a hostile header costs a parse, not a download.
 */
final class ByteRanges {

    /** Range specs a header may list before merging (browsers send one; the cap bounds parsing). */
    static final int MAX_REQUESTED = 100;
    /** Separate ranges served after merging. */
    static final int MAX_SERVED = 8;

    private ByteRanges() {
    }

    /** One range to send: {@code length} bytes from {@code start}, within the file. */
    record Range(long start, long length) {
        long end() {
            return start + length - 1;
        }
    }

    /** The answer: the whole file (200), these ranges (206), or none of it (416). */
    sealed interface Answer permits Whole, Partial, Unsatisfiable {
    }

    record Whole() implements Answer {
    }

    /** Sorted, disjoint, not adjacent, 1 to {@link #MAX_SERVED} ranges. */
    record Partial(List<Range> ranges) implements Answer {
    }

    record Unsatisfiable() implements Answer {
    }

    /**
     * @param range   the Range header, null when absent
     * @param ifRange the If-Range header, null when absent: the portal sends no validator (no ETag, no
     *                Last-Modified), so no If-Range can match and RFC 9110 §13.1.5 says to send the whole file
     */
    static Answer of(String range, String ifRange, long size) {
        if (range == null || ifRange != null) {
            return new Whole();
        }
        int eq = range.indexOf('=');
        if (eq < 0 || !range.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            // a unit we do not know is ignored (RFC 9110 §14.2), so the client gets the file
            return new Whole();
        }
        String[] specs = range.substring(eq + 1).split(",", MAX_REQUESTED + 2);
        if (specs.length > MAX_REQUESTED) {
            return new Unsatisfiable();
        }
        List<Range> wanted = new ArrayList<>();
        boolean any = false;
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue; // empty list elements are allowed and ignored (RFC 9110 §5.6.1)
            }
            any = true;
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Unsatisfiable();
            }
            String first = spec.substring(0, dash);
            String last = spec.substring(dash + 1);
            if (first.isEmpty()) {
                // suffix: the last N bytes
                if (!digits(last)) {
                    return new Unsatisfiable();
                }
                long n = Math.min(number(last), size);
                if (n > 0) {
                    wanted.add(new Range(size - n, n));
                }
                continue;
            }
            if (!digits(first) || !(last.isEmpty() || digits(last))) {
                return new Unsatisfiable();
            }
            long start = number(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : number(last);
            if (end < start) {
                return new Unsatisfiable(); // invalid, not merely outside the file
            }
            if (start < size) {
                wanted.add(new Range(start, Math.min(end, size - 1) - start + 1));
            }
        }
        if (!any || wanted.isEmpty()) {
            return new Unsatisfiable();
        }
        List<Range> merged = merge(wanted);
        return merged.size() > MAX_SERVED ? new Unsatisfiable() : new Partial(merged);
    }

    private static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::start));
        List<Range> merged = new ArrayList<>();
        Range current = sorted.get(0);
        for (Range next : sorted.subList(1, sorted.size())) {
            if (next.start() <= current.end() + 1) {
                long end = Math.max(current.end(), next.end());
                current = new Range(current.start(), end - current.start() + 1);
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Digits as a number, saturating: a position past any file is as good as Long.MAX_VALUE. */
    private static long number(String digits) {
        String s = digits.replaceFirst("^0+(?=.)", "");
        return s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s);
    }
}
