package dev.footfall.gateway.abuse;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.gateway.TestGateway;
import dev.footfall.testkit.KafkaExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris: clients that dribble a request head or body one byte at a time (each byte restarts
 * Jetty's idle timeout) or open connections and send nothing. The gateway closes each within a
 * bound (the head and request deadlines, the idle timeout), and serves a normal client while
 * dozens of them are held. Limits are short here (1 s head, 2.5 s request, 1.5 s idle) so the
 * test runs in seconds.
 */
class SlowlorisITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final long HEAD_LIMIT_MS = 1_000;
    private static final long REQUEST_LIMIT_MS = 2_500;
    private static final long IDLE_MS = 1_500;
    /** Well below the idle timeout: only the head deadline can cut a dribbler. */
    private static final long DRIBBLE_EVERY_MS = 250;
    /** The bound asserted: the limit, its sweep, and a machine busy with other builds. */
    private static final Duration CUT_WITHIN = Duration.ofSeconds(8);

    private static TestGateway gw;
    private static ScheduledExecutorService dribbles;
    private static ExecutorService readers;

    @BeforeAll
    static void startGateway() {
        gw = TestGateway.start(KAFKA.client(), "slowloris", config -> config
                .with("http.idle.timeout.ms", Long.toString(IDLE_MS))
                .with("http.request.head.timeout.ms", Long.toString(HEAD_LIMIT_MS))
                .with("http.request.timeout.ms", Long.toString(REQUEST_LIMIT_MS)));
        dribbles = Executors.newScheduledThreadPool(2);
        readers = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopGateway() {
        dribbles.shutdownNow();
        readers.shutdownNow();
        gw.close();
    }

    @Test
    void shouldCloseAClientThatDribblesItsHeaders() {
        try (HeldConnection dribbler = HeldConnection.dribbling(headerBytes())) {
            Duration held = dribbler.closedAfter();

            assertThat(held).as("held for").isLessThan(CUT_WITHIN);
            // Dribbled past several idle timeouts' worth of bytes: the idle timeout alone never fires.
            assertThat(held).isGreaterThanOrEqualTo(Duration.ofMillis(HEAD_LIMIT_MS));
            assertThat(dribbler.answer()).as("no answer for a head that never ended").isEmpty();
        }
    }

    @Test
    void shouldCloseAClientThatDribblesBlankLinesBeforeItsRequest() {
        // Jetty skips blank lines before a request line without starting a request.
        try (HeldConnection dribbler = HeldConnection.dribbling(index -> index % 2 == 0 ? (byte) '\r' : (byte) '\n')) {
            assertThat(dribbler.closedAfter()).isBetween(Duration.ofMillis(HEAD_LIMIT_MS), CUT_WITHIN);
        }
    }

    @Test
    void shouldCloseAClientThatDribblesItsBody() {
        byte[] head = ("POST /v1/track HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + basic(SHOP_KEY)
                + "\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long before = gw.recordCount();
        // The head arrives at once (a dribbled head is cut sooner); then the body, one byte a tick.
        try (HeldConnection dribbler = HeldConnection.dribbling(index -> index < head.length ? head[(int) index] : (byte) ' ', head.length)) {
            Duration held = dribbler.closedAfter();

            assertThat(held).isBetween(Duration.ofMillis(REQUEST_LIMIT_MS), CUT_WITHIN);
            assertThat(dribbler.answer()).doesNotContain("HTTP/1.1 200");
            assertThat(gw.recordCount()).isEqualTo(before);
        }
    }

    @Test
    void shouldCloseASilentConnectionAfterTheIdleTimeout() {
        try (HeldConnection silent = HeldConnection.silent()) {
            assertThat(silent.closedAfter()).isBetween(Duration.ofMillis(IDLE_MS - 100), CUT_WITHIN);
        }
    }

    @Test
    void shouldServeANormalClientWhileManySlowClientsAreHeld() {
        List<HeldConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                held.add(HeldConnection.silent());
                held.add(HeldConnection.dribbling(headerBytes()));
            }
            for (int i = 0; i < 5; i++) {
                String messageId = UUID.randomUUID().toString();
                long start = System.nanoTime();
                HttpResponse<String> response = gw.post("/v1/track",
                        "{\"event\":\"Served\",\"userId\":\"u\",\"messageId\":\"" + messageId + "\"}",
                        "Authorization", basic(SHOP_KEY));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(took).as("a normal request while 60 slow clients are held").isLessThan(Duration.ofSeconds(5));
                assertThat(gw.recordWithMessageId(messageId).path("event").asText()).isEqualTo("Served");
            }
            for (HeldConnection connection : held) {
                assertThat(connection.closedAfter()).isLessThan(CUT_WITHIN);
            }
        } finally {
            held.forEach(HeldConnection::close);
        }
    }

    /** A request line and headers that never end: a long header value, one byte at a time. */
    private static ByteSource headerBytes() {
        byte[] start = ("POST /v1/track HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + basic(SHOP_KEY)
                + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
        return index -> index < start.length ? start[(int) index] : (byte) 'a';
    }

    /** The byte a dribbler sends at each tick. */
    @FunctionalInterface
    private interface ByteSource {
        byte at(long index);
    }

    /** A client connection held open by the test; a reader thread notes when the gateway closes it. */
    private static final class HeldConnection implements AutoCloseable {
        private final Socket socket;
        private final long openedNanos = System.nanoTime();
        private final CompletableFuture<Duration> closed = new CompletableFuture<>();
        private final StringBuilder answer = new StringBuilder();
        private ScheduledFuture<?> dribbling;

        private HeldConnection() {
            try {
                socket = new Socket("127.0.0.1", gw.gateway.port());
                socket.setSoTimeout((int) CUT_WITHIN.toMillis() * 2);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            readers.execute(this::readUntilClosed);
        }

        static HeldConnection silent() {
            return new HeldConnection();
        }

        static HeldConnection dribbling(ByteSource bytes) {
            return dribbling(bytes, 1);
        }

        /** Sends {@code firstTick} bytes at once, then one byte per tick. */
        static HeldConnection dribbling(ByteSource bytes, int firstTick) {
            HeldConnection connection = new HeldConnection();
            long[] next = {0};
            connection.dribbling = dribbles.scheduleAtFixedRate(() -> {
                try {
                    do {
                        connection.socket.getOutputStream().write(bytes.at(next[0]++));
                    } while (next[0] < firstTick);
                } catch (IOException closedByGateway) {
                    throw new UncheckedIOException(closedByGateway); // ends the schedule
                }
            }, 0, DRIBBLE_EVERY_MS, TimeUnit.MILLISECONDS);
            return connection;
        }

        private void readUntilClosed() {
            try {
                InputStream in = socket.getInputStream();
                for (int b; (b = in.read()) >= 0; ) {
                    synchronized (answer) {
                        answer.append((char) b);
                    }
                }
            } catch (IOException resetOrTimeout) {
                // A reset is a close too; a read timeout means it was never closed (checked below).
                if (resetOrTimeout instanceof java.net.SocketTimeoutException) {
                    closed.completeExceptionally(new AssertionError("the gateway kept the connection open"));
                    return;
                }
            }
            closed.complete(Duration.ofNanos(System.nanoTime() - openedNanos));
        }

        /** How long after opening the gateway closed the connection (waits for it). */
        Duration closedAfter() {
            return closed.orTimeout(CUT_WITHIN.toMillis() * 3, TimeUnit.MILLISECONDS).join();
        }

        String answer() {
            synchronized (answer) {
                return answer.toString();
            }
        }

        @Override
        public void close() {
            if (dribbling != null) {
                dribbling.cancel(false);
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
    }
}
