package dev.footfall.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys and their stored form. A key is 32 random bytes, so one SHA-256 is enough to store it:
 * slow password hashes (bcrypt, Argon2) exist to make guessing a low-entropy password expensive,
 * and nobody can guess 256 random bits. A fast hash also lets the console look a key up by its
 * hash (the document id) on every request, in one GET.
 */
public final class KeyHashes {

    /** Every key starts with this, so a leaked one is recognisable (and greppable) as a Footfall key. */
    public static final String PREFIX = "ffk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHashes() {
    }

    public static String newKey() {
        return newToken(PREFIX);
    }

    /** {@code prefix} and 32 random bytes in URL-safe Base64: keys, session ids, login links. */
    public static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the key's UTF-8 bytes, in lower-case hex. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The handle shown by {@code keys list} and taken by {@code keys revoke}. */
    public static String idOf(String hash) {
        return hash.substring(0, 12);
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
