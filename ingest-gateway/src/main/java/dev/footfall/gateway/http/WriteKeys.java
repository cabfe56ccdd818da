package dev.footfall.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The write key of HTTP Basic auth, as Segment uses it: the user name, with an empty password.
 * The scheme name is case-insensitive (RFC 9110); the key itself is taken exactly as decoded
 * (no trimming, no case folding, no URL decoding): write keys are compared byte for byte.
 */
final class WriteKeys {

    private WriteKeys() {
    }

    /** The key from an {@code Authorization} header, or null if it is absent or unusable (see {@link #problem}). */
    static String fromAuthorization(String header) {
        return problem(header) == null ? user(header) : null;
    }

    /**
     * Null when the header is absent or carries a usable key; otherwise the message of a
     * {@code 401 invalid_authorization}. A header that is present but unusable is refused rather
     * than ignored: ignoring it would let the request fall back to its {@code Origin}, and its
     * sender would never learn that its key went nowhere.
     */
    static String problem(String header) {
        if (header == null) {
            return null;
        }
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "only HTTP Basic authorization is accepted: the write key as the user name, with an empty password";
        }
        if (decode(header) == null) {
            return "the Basic credentials are not valid Base64";
        }
        if (user(header).isEmpty()) {
            return "the Basic user name is empty: send the write key as the user name (with an empty password), "
                    + "not as the password";
        }
        return null;
    }

    private static String user(String header) {
        String credentials = decode(header);
        if (credentials == null) {
            return null;
        }
        int colon = credentials.indexOf(':');
        return colon < 0 ? credentials : credentials.substring(0, colon);
    }

    private static String decode(String header) {
        if (header == null || header.length() < 6) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
