package dev.footfall.gateway.ingest;

/**
 * Request-level refusal codes of the gateway (event-level ones are the event contract's
 * {@code ReasonCode}s). Like those, the codes are stable: add new ones, never rename.
 */
public enum Refusal {
    MISSING_WRITE_KEY(401, "missing_write_key"),
    UNKNOWN_WRITE_KEY(401, "unknown_write_key"),
    CONFLICTING_WRITE_KEYS(401, "conflicting_write_keys"),
    /** An Authorization header that carries no usable key: not Basic, not Base64, an empty user, or two headers. */
    INVALID_AUTHORIZATION(401, "invalid_authorization"),
    ORIGIN_NOT_ALLOWED(403, "origin_not_allowed"),
    /** A CORS preflight asking to send a request header the gateway does not accept. */
    HEADER_NOT_ALLOWED(403, "header_not_allowed"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    /** The client stopped sending its body before it was complete. */
    REQUEST_TIMEOUT(408, "request_timeout"),
    /**
     * The body ended before its declared length, or its chunked encoding is broken (a chunk size
     * that is not hex, a chunk longer than its size, a bare LF): its framing cannot be trusted.
     */
    MALFORMED_BODY_FRAMING(400, "malformed_body_framing"),
    /** A gzip body that does not inflate. */
    INVALID_COMPRESSED_BODY(400, "invalid_compressed_body"),
    /** The whole body is over the hard limit; the same code the event contract uses for batches. */
    PAYLOAD_TOO_LARGE(413, "batch_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    UNSUPPORTED_ENCODING(415, "unsupported_content_encoding"),
    RATE_LIMITED(429, "rate_limited"),
    SINK_UNAVAILABLE(503, "sink_unavailable"),
    /** A request Jetty itself refused (bad request line, oversized headers, ...). */
    BAD_REQUEST(400, "bad_request");

    private final int status;
    private final String code;

    Refusal(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
