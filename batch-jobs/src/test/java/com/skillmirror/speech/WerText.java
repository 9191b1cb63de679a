package com.skillmirror.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text normalisation for word error rates: lower case, "&" as "and", numbers as words (0-999 spelled out, longer
 * numbers digit by digit, as prompts read them), every character other than a-z and the apostrophe as a space,
 * apostrophes at word edges dropped, "mr" as "mister" (the recogniser's dictionary spelling).
 */
final class WerText {

    private static final String[] ONES = ("zero one two three four five six seven eight nine ten eleven twelve "
            + "thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split(" ");
    private static final String[] TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(" ");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private WerText() {
    }

    static List<String> words(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("&", " and ");
        Matcher m = DIGITS.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, " " + number(m.group()) + " ");
        }
        m.appendTail(sb);
        List<String> out = new ArrayList<>();
        for (String w : sb.toString().replaceAll("[^a-z' ]+", " ").split("\\s+")) {
            String s = w.replaceAll("^'+|'+$", "");
            if (!s.isEmpty()) {
                out.add(s.equals("mr") ? "mister" : s);
            }
        }
        return out;
    }

    static String number(String digits) {
        if (digits.length() > 3) {
            StringBuilder sb = new StringBuilder();
            for (char c : digits.toCharArray()) {
                sb.append(sb.isEmpty() ? "" : " ").append(ONES[c - '0']);
            }
            return sb.toString();
        }
        int n = Integer.parseInt(digits);
        if (n < 20) {
            return ONES[n];
        }
        if (n < 100) {
            return TENS[n / 10] + (n % 10 == 0 ? "" : " " + ONES[n % 10]);
        }
        return ONES[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + number(String.valueOf(n % 100)));
    }
}
