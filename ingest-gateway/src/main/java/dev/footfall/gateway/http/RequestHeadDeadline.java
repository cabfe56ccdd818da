package dev.footfall.gateway.http;

import dev.footfall.gateway.metrics.GatewayMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request head (request line and headers) has not fully arrived within
 * a time limit of its first byte. Jetty's idle timeout restarts at every byte, so a slowloris
 * client that dribbles one header byte every few seconds would otherwise hold its connection
 * forever; Jetty 12 has no head deadline of its own (its minimum data rate covers bodies only,
 * and is deprecated).
 *
 * <p>One sweeper thread looks at every open connection a few times per limit. A connection
 * counts as "receiving a head" while Jetty's parser is in a head state and bytes have arrived
 * since the last complete request; that includes blank lines sent before a request line, which
 * Jetty skips without starting a request. Reading a body and waiting for Kafka are not
 * covered: the body has its own limits (size, idle timeout), and the Kafka wait its deadline.
 * Such a connection is closed without an answer: it is not a client that reads one.
 *
 * <p>Reads {@link HttpConnection} (a Jetty-internal class) only through public getters; the
 * parser's state is volatile and only read here, never changed.
 */
public final class RequestHeadDeadline extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHeadDeadline.class);
    private static final long NONE = Long.MIN_VALUE;

    private final AbstractConnector connector;
    private final long limitNanos;
    private final GatewayMetrics metrics;
    /** Per connection, as seen at the last sweep; only the sweeper thread touches it. */
    private Map<HttpConnection, Mark> marks = new HashMap<>();
    private ScheduledExecutorService timer;

    /**
     * @param messages the connection's request count when the mark was taken
     * @param bytes its bytes received when it was last seen between requests
     * @param headSince when the head being received started (nanoTime), or {@link #NONE}
     */
    private record Mark(long messages, long bytes, long headSince) {
    }

    public RequestHeadDeadline(AbstractConnector connector, Duration limit, GatewayMetrics metrics) {
        this.connector = connector;
        this.limitNanos = limit.toNanos();
        this.metrics = metrics;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "footfall-head-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // Four looks per limit: a head is cut between 1 and 1.25 limits after its first byte.
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(limitNanos / 4, TimeUnit.SECONDS.toNanos(1)));
        timer.scheduleWithFixedDelay(this::sweepSafely, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        marks = new HashMap<>();
    }

    private void sweepSafely() {
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; one bad look must not end them all.
            LOG.warn("request head sweep failed", e);
        }
    }

    void sweep(long now) {
        Map<HttpConnection, Mark> next = new HashMap<>();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (!(endPoint.getConnection() instanceof HttpConnection http)) {
                continue;
            }
            Mark mark = look(http, marks.get(http), now);
            if (mark.headSince() != NONE && now - mark.headSince() > limitNanos) {
                metrics.requestRefused("request_head_timeout");
                LOG.debug("closing {}: its request head took longer than {} ms", endPoint,
                        TimeUnit.NANOSECONDS.toMillis(limitNanos));
                endPoint.close(new TimeoutException("request head not received within "
                        + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms"));
                continue;
            }
            next.put(http, mark);
        }
        marks = next; // connections closed since the last sweep drop out here
    }

    private static Mark look(HttpConnection http, Mark previous, long now) {
        HttpParser parser = http.getParser();
        long messages = http.getMessagesIn();
        long bytes = http.getBytesIn();
        if (!parser.inHeaderState()) {
            return new Mark(messages, bytes, NONE); // reading a body or answering: not a head
        }
        boolean started = !parser.isStart(); // past the blank lines: Jetty knows when this request began
        if (previous == null || previous.messages() != messages) {
            // A new connection, or a request completed since the last look.
            return new Mark(messages, bytes, started ? parser.getBeginNanoTime() : NONE);
        }
        long since = previous.headSince();
        if (since == NONE && bytes != previous.bytes()) {
            since = started ? parser.getBeginNanoTime() : now;
        }
        return new Mark(messages, previous.bytes(), since);
    }
}
