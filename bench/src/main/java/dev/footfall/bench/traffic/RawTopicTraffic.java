package dev.footfall.bench.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Records for the raw topic as the gateway would have written them, in the order it would have
 * (by receipt time): events of {@link TrafficModel} received 50 ms to 2 s after they happened,
 * 1% of them 1 to 20 minutes late (a phone offline), 2% sent twice (a client retry, same
 * message id, a few seconds later), and 0.1% invalid (truncated JSON, a track event without a
 * name, an unreadable timestamp).
 */
public final class RawTopicTraffic {

    /** A record: Kafka key, value, and timestamp (receipt time). */
    public record Record(String key, byte[] value, long timestampMillis) {
    }

    /** What was generated, to check the job's output against. */
    public static final class Counts {
        public long records;
        public long uniqueValid;
        public long duplicates;
        public long invalid;
        public long lateArrivals;
    }

    private enum Kind { ORIGINAL, DUPLICATE, INVALID }

    private record Pending(long receivedAtMillis, long sequence, SyntheticEvent event, Kind kind) {
    }

    private final TrafficModel model;
    private final SplittableRandom random;
    private final MessageWriter writer = new MessageWriter();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> a.receivedAtMillis != b.receivedAtMillis
            ? Long.compare(a.receivedAtMillis, b.receivedAtMillis) : Long.compare(a.sequence, b.sequence));
    private final Counts counts = new Counts();
    private long sequence;
    private long modelTimeMillis = Long.MIN_VALUE;

    public RawTopicTraffic(long seed, Instant start, double eventsPerSecond, long visitors) {
        this(seed, start, eventsPerSecond, visitors, BenchSites.ALL);
    }

    /** Traffic of the given sites only, in their relative weights. */
    public RawTopicTraffic(long seed, Instant start, double eventsPerSecond, long visitors,
            java.util.List<BenchSites.BenchSite> sites) {
        this.model = new TrafficModel(seed, start, eventsPerSecond, visitors, sites);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    public Counts counts() {
        return counts;
    }

    public Record next() {
        while (pending.isEmpty() || pending.peek().receivedAtMillis > modelTimeMillis) {
            generateOne();
        }
        Pending p = pending.poll();
        counts.records++;
        Instant receivedAt = Instant.ofEpochMilli(p.receivedAtMillis);
        byte[] value = switch (p.kind) {
            case ORIGINAL -> {
                counts.uniqueValid++;
                yield writer.raw(p.event, receivedAt);
            }
            case DUPLICATE -> {
                counts.duplicates++;
                yield writer.raw(p.event, receivedAt);
            }
            case INVALID -> {
                counts.invalid++;
                yield invalid(p.event, receivedAt);
            }
        };
        return new Record(p.event.partitionKey(), value, p.receivedAtMillis);
    }

    private void generateOne() {
        SyntheticEvent event = model.next();
        long happened = event.timestamp().toEpochMilli();
        modelTimeMillis = happened;
        int roll = random.nextInt(1000);
        long delay;
        if (roll < 10) {
            delay = 60_000 + random.nextLong(19 * 60_000);
            counts.lateArrivals++;
        } else {
            delay = 50 + random.nextLong(1950);
        }
        Kind kind = roll == 999 ? Kind.INVALID : Kind.ORIGINAL;
        pending.add(new Pending(happened + delay, sequence++, event, kind));
        if (kind == Kind.ORIGINAL && random.nextInt(50) == 0) {
            pending.add(new Pending(happened + delay + 1000 + random.nextLong(9000), sequence++, event, Kind.DUPLICATE));
        }
    }

    private byte[] invalid(SyntheticEvent event, Instant receivedAt) {
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] whole = writer.raw(event, receivedAt);
                return Arrays.copyOf(whole, whole.length / 2);
            }
            case 1 -> {
                return writer.raw(event.named(null), receivedAt);
            }
            default -> {
                String json = new String(writer.raw(event, receivedAt), StandardCharsets.UTF_8);
                return json.replace(event.timestamp().toString(), "yesterday at noon").getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
