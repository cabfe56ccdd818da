package dev.footfall.event;

import java.time.Duration;

/**
 * The structural limits every event is held to, at the gateway and again in the job.
 * Defaults are Segment's published limits where Segment has one; docs/event-spec.md justifies
 * the rest.
 *
 * @param maxEventBytes largest single event, as the UTF-8 JSON the client sent (Segment: 32 KB)
 * @param maxBatchBytes largest request body (Segment: 500 KB)
 * @param maxNameLength longest event or page name, in characters
 * @param maxIdLength longest messageId, anonymousId, userId, groupId or previousId
 * @param maxProperties most top-level keys in {@code properties} or {@code traits}
 * @param maxDepth deepest nesting of objects and arrays below {@code properties}, {@code traits}
 *     or {@code context} (an object directly inside them is at depth 1)
 * @param maxFutureSkew how far ahead of receipt an uncorrectable client timestamp may be before
 *     it is rejected rather than clamped
 * @param maxEventAge oldest event time accepted (the backfill window); older events would create
 *     daily indices far in the past
 */
public record Limits(
        int maxEventBytes,
        int maxBatchBytes,
        int maxNameLength,
        int maxIdLength,
        int maxProperties,
        int maxDepth,
        Duration maxFutureSkew,
        Duration maxEventAge) {

    /** Hard cap on JSON nesting while parsing, far above {@link #maxDepth} so the rule, not the
     * parser, names the problem; it protects the parser's stack from hostile input. */
    public static final int PARSER_MAX_NESTING = 64;

    public static final Limits DEFAULTS = new Limits(
            32 * 1024, 500 * 1024, 200, 100, 100, 5, Duration.ofDays(1), Duration.ofDays(30));

    public Limits {
        if (maxEventBytes <= 0 || maxBatchBytes < maxEventBytes) {
            throw new IllegalArgumentException("need 0 < maxEventBytes <= maxBatchBytes");
        }
        if (maxNameLength <= 0 || maxIdLength <= 0 || maxProperties <= 0) {
            throw new IllegalArgumentException("name, id and property limits must be positive");
        }
        if (maxDepth <= 0 || maxDepth >= PARSER_MAX_NESTING - 2) {
            throw new IllegalArgumentException("maxDepth must be in 1.." + (PARSER_MAX_NESTING - 3));
        }
        if (maxFutureSkew.isNegative() || maxEventAge.isNegative() || maxEventAge.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }
}
