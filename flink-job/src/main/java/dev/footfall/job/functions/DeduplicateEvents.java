package dev.footfall.job.functions;

import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.sketch.Hash64;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Drops repeated deliveries of an event: a client that retries resends the same message id, and
 * the gateway may write a record twice when Kafka times out. Keyed by visitor (see
 * docs/flink-job.md for why not by message id alone), it remembers each message id it let
 * through, per (site, visitor), for the configured time to live (24 h by default).
 *
 * <p>Expiry is done with one processing-time timer per visitor rather than Flink's state TTL: it
 * behaves the same on the heap and RocksDB backends and leaves no state behind once a visitor has
 * been quiet for the TTL. A timer fires at most every TTL/24 per visitor, so a busy visitor costs
 * a bounded amount of work; an id is therefore remembered for between TTL and TTL + TTL/24.
 *
 * <p>Message ids are remembered by a 64-bit hash ({@link Hash64}), not as text: the state of a
 * busy day then holds 16 bytes per id instead of a string of 36 characters or more, and a
 * checkpoint of the heap backend writes two longs per id instead of every character. The price is
 * the chance that a new id of a visitor hashes like one this visitor sent in the last TTL and is
 * dropped as a duplicate: {@code n / 2^64} for a visitor with {@code n} remembered ids, so at most
 * one false drop in about 1.8 * 10^15 events even for visitors with 10,000 events a day
 * (docs/flink-job.md).
 *
 * <p>Every event seen, duplicate or not, is reported on the {@link #HEALTH} side output (events,
 * duplicates and ingestion lag), and duplicates are counted in the {@code duplicatesDropped} metric.
 */
public class DeduplicateEvents extends KeyedProcessFunction<String, ValidEvent, ValidEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<HealthInput> HEALTH = new OutputTag<>("dedup-health") {
    };

    private final long ttlMs;
    private final long cleanupSpacingMs;

    private transient MapState<Long, Long> seen;
    private transient ValueState<Long> cleanupTimer;
    private transient Counter duplicatesDropped;

    public DeduplicateEvents(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the deduplication TTL must be positive, got " + ttl);
        }
        this.ttlMs = ttl.toMillis();
        this.cleanupSpacingMs = Math.max(1, ttlMs / 24);
    }

    @Override
    public void open(Configuration parameters) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-message-id-hashes", Types.LONG, Types.LONG));
        cleanupTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("dedup-cleanup-timer", Types.LONG));
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
    }

    @Override
    public void processElement(ValidEvent event, Context ctx, Collector<ValidEvent> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        long id = Hash64.of(event.messageId());
        boolean duplicate = seen.contains(id);
        ctx.output(HEALTH, HealthInput.seen(event.siteId(), event.eventTime(), duplicate,
                Math.max(0, now - event.receivedAt())));
        if (duplicate) {
            duplicatesDropped.inc();
            return;
        }
        seen.put(id, now);
        if (cleanupTimer.value() == null) {
            long at = now + ttlMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            cleanupTimer.update(at);
        }
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ValidEvent> out) throws Exception {
        long oldestKept = Long.MAX_VALUE;
        Iterator<Map.Entry<Long, Long>> entries = seen.iterator();
        while (entries.hasNext()) {
            long seenAt = entries.next().getValue();
            if (seenAt + ttlMs <= timestamp) {
                entries.remove();
            } else {
                oldestKept = Math.min(oldestKept, seenAt);
            }
        }
        if (oldestKept == Long.MAX_VALUE) {
            seen.clear();
            cleanupTimer.clear();
            return;
        }
        long next = Math.max(oldestKept + ttlMs, timestamp + cleanupSpacingMs);
        ctx.timerService().registerProcessingTimeTimer(next);
        cleanupTimer.update(next);
    }
}
