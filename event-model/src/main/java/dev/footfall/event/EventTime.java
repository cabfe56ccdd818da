package dev.footfall.event;

import java.time.Instant;

/**
 * When an event happened, on the server's clock. Client clocks are wrong by minutes or years,
 * so, as Segment and Snowplow do, the offset between the client's {@code sentAt} and the
 * server's {@code receivedAt} is applied to the client's own event time:
 * {@code timestamp = receivedAt - (sentAt - originalTimestamp)}, clamped to {@code receivedAt}
 * so no event is ever in the future.
 */
public final class EventTime {

    private EventTime() {
    }

    /**
     * @param clientTime the client's reading of the event time ({@code originalTimestamp}, else
     *     {@code timestamp}); null when the client sent none
     * @param sentAt the client's clock at send time, or null
     */
    public static Outcome<Instant> resolve(Instant receivedAt, Instant sentAt, Instant clientTime, Limits limits) {
        Instant eventTime;
        if (clientTime == null) {
            eventTime = receivedAt;
        } else if (sentAt != null) {
            eventTime = receivedAt.minusMillis(sentAt.toEpochMilli() - clientTime.toEpochMilli());
        } else {
            // No sentAt means no way to measure the client's skew (a server-side import, say):
            // trust the time, but refuse one that is absurdly far ahead rather than silently clamp it.
            if (clientTime.isAfter(receivedAt.plus(limits.maxFutureSkew()))) {
                return Outcome.rejected(ReasonCode.TIMESTAMP_IN_FUTURE, "the event's timestamp " + clientTime
                        + " is more than " + limits.maxFutureSkew() + " after it was received and there is no sentAt to correct it");
            }
            eventTime = clientTime;
        }
        if (eventTime.isAfter(receivedAt)) {
            eventTime = receivedAt;
        }
        if (eventTime.isBefore(receivedAt.minus(limits.maxEventAge()))) {
            return Outcome.rejected(ReasonCode.TIMESTAMP_TOO_OLD, "the event time " + eventTime
                    + " is older than the backfill window of " + limits.maxEventAge().toDays() + " days");
        }
        return Outcome.accepted(eventTime);
    }
}
