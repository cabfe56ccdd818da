package dev.footfall.event;

/**
 * Why an event or a request was rejected. The {@link #code()} strings are a public, stable
 * contract: they appear in HTTP error bodies, in the dead-letter topic, in the
 * {@code footfall-invalid-*} index and on dashboards. Add new codes; never rename one.
 */
public enum ReasonCode {
    /** The body is not parseable JSON (syntax error, truncated document). */
    MALFORMED_JSON("malformed_json"),
    /** The bytes are not valid UTF-8. */
    INVALID_UTF8("invalid_utf8"),
    /** A string escapes half of a surrogate pair ({@code \\ud800}): not Unicode text. */
    INVALID_UNICODE("invalid_unicode"),
    /** An object repeats a key; which value was meant is unknowable. */
    DUPLICATE_KEY("duplicate_key"),
    /** Nothing to parse. */
    EMPTY_BODY("empty_body"),
    /** The document (or a batch element) is not a JSON object. */
    NOT_AN_OBJECT("not_an_object"),
    /** A batch request has no {@code batch} array. */
    MISSING_BATCH("missing_batch"),
    /** A batch array with no events in it. */
    EMPTY_BATCH("empty_batch"),
    /** A message has no {@code type}. */
    MISSING_TYPE("missing_type"),
    /** {@code type} is not one of track, page, screen, identify, group, alias. */
    UNKNOWN_TYPE("unknown_type"),
    /** A known field has the wrong JSON type (e.g. {@code properties} is a string). */
    WRONG_TYPE("wrong_type"),
    /** A track call without an {@code event} name. */
    MISSING_EVENT_NAME("missing_event_name"),
    /** An event or page name that is empty, longer than the limit, or holds control characters. */
    INVALID_EVENT_NAME("invalid_event_name"),
    /** Neither {@code userId}, {@code anonymousId} nor a gateway visitor id. */
    MISSING_IDENTITY("missing_identity"),
    /** identify or alias without {@code userId}. */
    MISSING_USER_ID("missing_user_id"),
    /** group without {@code groupId}. */
    MISSING_GROUP_ID("missing_group_id"),
    /** alias without {@code previousId}. */
    MISSING_PREVIOUS_ID("missing_previous_id"),
    /** A message id or user id that is empty or longer than the limit. */
    INVALID_ID("invalid_id"),
    /** A record in the raw topic without the message id the gateway always assigns. */
    MISSING_MESSAGE_ID("missing_message_id"),
    /** One event is larger than the per-event limit. */
    EVENT_TOO_LARGE("event_too_large"),
    /** The whole request is larger than the per-batch limit. */
    BATCH_TOO_LARGE("batch_too_large"),
    /** {@code properties} or {@code traits} has more top-level keys than allowed. */
    TOO_MANY_PROPERTIES("too_many_properties"),
    /** Objects or arrays nested deeper than allowed. */
    NESTING_TOO_DEEP("nesting_too_deep"),
    /** A number that is not finite or too long to represent. */
    INVALID_NUMBER("invalid_number"),
    /** A timestamp that is not ISO-8601. */
    INVALID_TIMESTAMP("invalid_timestamp"),
    /** A timestamp claimed (without {@code sentAt} to correct it) far in the future. */
    TIMESTAMP_IN_FUTURE("timestamp_in_future"),
    /** An event older than the backfill window. */
    TIMESTAMP_TOO_OLD("timestamp_too_old"),
    /** A record in the raw topic without the site id the gateway always adds. */
    MISSING_SITE("missing_site");

    private final String code;

    ReasonCode(String code) {
        this.code = code;
    }

    /** The stable machine-readable code, e.g. {@code malformed_json}. */
    public String code() {
        return code;
    }

    /** Looks a code up by its string, or returns null. */
    public static ReasonCode fromCode(String code) {
        for (ReasonCode reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return code;
    }
}
