package dev.footfall.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The write key of HTTP Basic auth, as Segment uses it: the user name, with an empty password. */
final class WriteKeys {

    private WriteKeys() {
    }

    /** The key from an {@code Authorization} header, or null if it is absent or not Basic. */
    static String fromAuthorization(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        String credentials = new String(decoded, StandardCharsets.UTF_8);
        int colon = credentials.indexOf(':');
        String user = colon < 0 ? credentials : credentials.substring(0, colon);
        return user.isEmpty() ? null : user;
    }
}
