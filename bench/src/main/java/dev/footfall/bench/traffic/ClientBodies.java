package dev.footfall.bench.traffic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Request bodies for the gateway benchmark, one per line (JSON holds no raw newline): single
 * track messages for {@code /v1/track}, and batches in the tracker's shape for {@code /v1/batch}.
 * Many distinct bodies (visitors, pages, user agents vary) so the gateway's work per request is
 * typical, not a cache hit.
 */
public final class ClientBodies {

    private ClientBodies() {
    }

    /** Track messages, as a server SDK posts to {@code /v1/track}; returns their mean size. */
    public static double writeSingles(Path file, int count, long seed) {
        TrafficModel model = model(seed);
        MessageWriter writer = new MessageWriter();
        return writeLines(file, count, () -> {
            SyntheticEvent e = model.next();
            return writer.client(e.isPage() ? e.named("Viewed Page") : e, false);
        });
    }

    /** Batches of {@code size} page and track messages; returns their mean size. */
    public static double writeBatches(Path file, int count, int size, long seed) {
        TrafficModel model = model(seed);
        MessageWriter writer = new MessageWriter();
        return writeLines(file, count, () -> {
            List<SyntheticEvent> batch = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                batch.add(model.next());
            }
            return writer.batch(batch, batch.get(size - 1).timestamp().plusMillis(500));
        });
    }

    /** {@code count} bodies, one a line, as wrk's script reads them; returns their mean size. */
    private static double writeLines(Path file, int count, Supplier<byte[]> bodies) {
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < count; i++) {
                byte[] body = bodies.get();
                out.write(body);
                out.write('\n');
                bytes += body.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (double) bytes / count;
    }

    /** Recent traffic: event times within the last hour, so every event is valid when posted. */
    private static TrafficModel model(long seed) {
        return new TrafficModel(seed, Instant.now().minus(Duration.ofHours(1)), 100, 20_000);
    }
}
