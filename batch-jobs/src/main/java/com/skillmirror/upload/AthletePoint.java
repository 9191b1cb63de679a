package com.skillmirror.upload;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the coach said the athlete is: a point on the video's thumbnail, normalised (0,0 top left, 1,1 bottom right).
 * Written {@code "0.52,0.40"} in the API and the CLI.
 */
public record AthletePoint(double x, double y) {

    /** Plain decimals only: no exponents, no NaN or infinity, at most 6 decimals per number (the whole text, spaces included, at most 40 characters). */
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d(?:\\.\\d{1,6})?)\\s*,\\s*(\\d(?:\\.\\d{1,6})?)\\s*");

    public AthletePoint {
        check("x", x);
        check("y", y);
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("The athlete point's " + name + " is " + v + "; it must be between 0"
                    + " and 1 (a fraction of the thumbnail's " + (name.equals("x") ? "width" : "height") + ")");
        }
    }

    /**
     * Reads "X,Y" (e.g. "0.52,0.40"); a clear message when it is not two numbers between 0 and 1.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static AthletePoint parse(String text) {
        if (text == null || text.length() > 40) {
            throw new IllegalArgumentException("The athlete point must be written X,Y with X and Y between 0 and 1"
                    + " (fractions of the thumbnail's width and height from its top left), like 0.52,0.40");
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("The athlete point '" + text.replaceAll("\\p{Cntrl}", "") + "' is not"
                    + " X,Y with X and Y between 0 and 1 (fractions of the thumbnail's width and height from its top"
                    + " left), like 0.52,0.40");
        }
        return new AthletePoint(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "(%.2f, %.2f)", x, y);
    }

    /** The form {@link #parse} reads. */
    public String text() {
        return String.format(Locale.ROOT, "%.4f,%.4f", x, y);
    }
}
