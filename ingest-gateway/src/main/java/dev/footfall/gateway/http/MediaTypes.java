package dev.footfall.gateway.http;

/**
 * The body types the ingest routes take: JSON, and {@code text/plain} because that is what
 * {@code navigator.sendBeacon} sends for a string (and it needs no CORS preflight).
 */
final class MediaTypes {

    private MediaTypes() {
    }

    /** Null when the Content-Type is acceptable; otherwise the message for a 415. */
    static String problem(String contentType) {
        if (contentType == null) {
            return null; // nothing claimed; the body must still be JSON
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (type.equalsIgnoreCase("application/json") || type.equalsIgnoreCase("text/plain")) {
            return null;
        }
        return "Content-Type '" + type + "' is not supported; send application/json or text/plain";
    }
}
