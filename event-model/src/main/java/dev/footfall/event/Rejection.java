package dev.footfall.event;

import java.util.Objects;

/**
 * A reasoned refusal: a stable {@link ReasonCode} for machines and a message naming the problem
 * for people.
 */
public record Rejection(ReasonCode reason, String message) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static Rejection of(ReasonCode reason, String message) {
        return new Rejection(reason, message);
    }

    /** The reason's code string, e.g. {@code missing_event_name}. */
    public String code() {
        return reason.code();
    }
}
