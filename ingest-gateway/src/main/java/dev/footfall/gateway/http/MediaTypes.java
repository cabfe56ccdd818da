package dev.footfall.gateway.http;

/**
 * The body types the ingest routes take. Whatever the label, the body is parsed as strict JSON:
 * the Content-Type only decides whether the gateway reads the body at all.
 * <ul>
 *   <li>{@code application/json};
 *   <li>{@code text/plain}: what {@code navigator.sendBeacon} sends for a string, what
 *       Segment's browser SDK sends, and a CORS "simple" request (no preflight);
 *   <li>{@code application/x-www-form-urlencoded} with {@code Content-Encoding: gzip} only: the
 *       label RudderStack's Node SDK gives its gzipped JSON batches (its HTTP client's default for
 *       a byte body). An HTML form cannot set Content-Encoding, and a script that sets it from
 *       another origin triggers a preflight, so this admits nothing a browser could not already
 *       send as {@code text/plain}. An uncompressed form body is still refused: it is a form.
 * </ul>
 */
final class MediaTypes {

    private MediaTypes() {
    }

    /** Null when the Content-Type is acceptable for a body so encoded; otherwise the message for a 415. */
    static String problem(String contentType, boolean gzip) {
        if (contentType == null) {
            return null; // nothing claimed; the body must still be JSON
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (type.equalsIgnoreCase("application/json") || type.equalsIgnoreCase("text/plain")) {
            return null;
        }
        if (gzip && type.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return null;
        }
        return "Content-Type '" + type + "' is not supported; send application/json or text/plain";
    }
}
