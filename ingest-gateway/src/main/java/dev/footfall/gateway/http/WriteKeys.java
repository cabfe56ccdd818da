package dev.footfall.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The write keys a request carries outside its body. HTTP Basic auth, as Segment uses it: the
 * user name, with an empty password; the scheme name is case-insensitive (RFC 9110). And the
 * query string's {@code writeKey} parameter, where RudderStack's browser SDK puts it for
 * {@code navigator.sendBeacon}, which cannot set headers. Each key is taken exactly as its
 * transport decodes it (Base64, or the query string's percent-encoding), with no trimming, no
 * case folding and no further decoding: write keys are compared byte for byte.
 */
final class WriteKeys {

    /** The outcome of reading the query string: a key, or none, or the message of a 401 invalid_authorization. */
    record QueryKey(String key, String problem) {
        static final QueryKey NONE = new QueryKey(null, null);
    }

    private static final String PARAMETER = "writeKey";

    private WriteKeys() {
    }

    /**
     * The {@code writeKey} parameter of a raw query string. An empty value is a key (which no site
     * has), not a missing one; two {@code writeKey} parameters, or a query that is not valid
     * percent-encoded UTF-8, carry no usable key and are refused, as two Authorization headers are.
     */
    static QueryKey fromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return QueryKey.NONE; // the common case: SDKs other than a beacon send no query
        }
        List<String> keys = new ArrayList<>(1);
        try {
            UrlEncoded.decodeUtf8To(query, 0, query.length(), (name, value) -> {
                if (PARAMETER.equals(name)) {
                    keys.add(value == null ? "" : value);
                }
            }, false, false, false);
        } catch (IllegalArgumentException badEncoding) {
            return new QueryKey(null, "the query string is not valid percent-encoded UTF-8, so its writeKey cannot be read");
        }
        if (keys.size() > 1) {
            return new QueryKey(null, "the query string carries more than one writeKey");
        }
        return keys.isEmpty() ? QueryKey.NONE : new QueryKey(keys.get(0), null);
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
