package com.skillmirror.portal.security;

import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * What a new password must be (ASVS 2.1): 12 to 128 characters, any characters, no composition rules; not the
 * username nor containing it; and not guessable: nbvcxz (offline, shipped with its dictionaries: the 100,000 most
 * common passwords, English words, names) estimates how many guesses the password takes, and fewer than 2^20
 * (about a million) means it is a common password or a simple variation of one ("password1234", "aaaaaaaaaaaa",
 * "qwertyuiop123"). Unrelated words ("correct horse battery") pass.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    /** log2 of the guesses: below this the password falls to a short dictionary attack. */
    static final double MIN_ENTROPY_BITS = 20;

    private PasswordPolicy() {
    }

    /** Loaded on first use: the dictionaries take a few MB and a moment, which the CLI need not pay. */
    private static final class Estimator {
        static final Nbvcxz INSTANCE = new Nbvcxz(new ConfigurationBuilder().setLocale(Locale.ENGLISH)
                .setMinimumEntropy(MIN_ENTROPY_BITS).createConfiguration());
    }

    /** @throws IllegalArgumentException saying what is wrong with the password and what to choose instead */
    static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("A password has at least " + MIN_LENGTH + " characters: a phrase of a"
                    + " few unrelated words is easy to remember and hard to guess.");
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("A password has at most " + MAX_LENGTH + " characters.");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The password contains the username; choose one without it.");
        }
        Result result = Estimator.INSTANCE.estimate(password);
        if (!result.isMinimumEntropyMet()) {
            throw new IllegalArgumentException((commonPassword(result)
                    ? "This password is one of the most common passwords, or made of them"
                    : "This password is too easy to guess: common words, names or a pattern such as repeated or"
                    + " sequential characters")
                    + "; choose a phrase of a few unrelated words instead.");
        }
    }

    private static boolean commonPassword(Result result) {
        for (Match match : result.getMatches()) {
            if (match instanceof DictionaryMatch dictionary && "passwords".equals(dictionary.getDictionaryName())) {
                return true;
            }
        }
        return false;
    }
}
