package com.skillmirror.portal.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhooks' signing secrets: generated ({@code whsec_} + 256 random bits), shown once, stored encrypted with
 * AES-256-GCM under a key derived from the portal's token key (HMAC-SHA256 of a fixed label), so every replica that
 * shares skillmirror.security.jwt-secret can sign, and the database alone reveals none. Replacing the token key makes
 * the stored secrets unreadable: their deliveries fail saying so, and the webhooks are registered again.
 */
final class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    WebhookSecrets(SecretKey tokenKey) {
        this.key = new SecretKeySpec(hmac(tokenKey.getEncoded(), "skillmirror webhook secrets v1"), "AES");
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String encrypt(String secret) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    String decrypt(String stored) throws GeneralSecurityException {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not base64");
        }
        if (all.length < 12 + 16) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
        return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    }

    /** The signature header's value: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the secret>}. */
    static String signature(String secret, long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = ByteBuffer.allocate(prefix.length + body.length).put(prefix).put(body).array();
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    private static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
