package dev.footfall.gateway.http;

import dev.footfall.gateway.Timers;
import dev.footfall.gateway.metrics.GatewayMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * one limit of its first byte, or whose whole request (head and body) has not within a second,
 * longer one. Jetty's idle timeout restarts at every byte, so a slowloris client that dribbles
 * one header byte every few seconds, or a body one byte at a time, would otherwise hold its
 * connection for as long as it likes; Jetty 12 has no head deadline of its own (its minimum
 * request data rate is deprecated).
 *
 * <p>One sweeper thread looks at every open connection a few times per head limit. A connection
 * counts as "receiving a head" while Jetty's parser is in a head state and bytes have arrived
 * since the last complete request; that includes blank lines sent before a request line, which
 * Jetty skips without starting a request. It counts as "receiving a body" while the parser is in
 * a content state. Waiting for Kafka is not covered (the request has fully arrived; the Kafka
 * deadline bounds that). An overdue connection is closed without an answer: a client that sends
 * this slowly is not one that reads answers.
 *
 * <p>Reads {@link HttpConnection} (a Jetty-internal class) only through public getters; the
 * parser's state is volatile and only read here, never changed.
 */
public final class RequestDeadlines extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);
    private static final long NONE = Long.MIN_VALUE;

    private final AbstractConnector connector;
    private final long limitNanos;
    private final long requestLimitNanos;
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

    /**
     * @param headLimit the longest a request line and headers may take, from their first byte
     * @param requestLimit the longest a whole request (head and body) may take, from its first byte
     */
    public RequestDeadlines(AbstractConnector connector, Duration headLimit, Duration requestLimit, GatewayMetrics metrics) {
        this.connector = connector;
        this.limitNanos = headLimit.toNanos();
        this.requestLimitNanos = requestLimit.toNanos();
        this.metrics = metrics;
    }

    @Override
    protected void doStart() {
        timer = Timers.daemon("footfall-request-deadlines");
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
            LOG.warn("request deadline sweep failed", e);
        }
    }

    void sweep(long now) {
        Map<HttpConnection, Mark> next = new HashMap<>();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (!(endPoint.getConnection() instanceof HttpConnection http)) {
                continue;
            }
            HttpParser parser = http.getParser();
            if (parser.inContentState() && now - parser.getBeginNanoTime() > requestLimitNanos) {
                close(endPoint, "slow_request_body", "request not received within", requestLimitNanos);
                continue;
            }
            Mark mark = look(http, marks.get(http), now);
            if (mark.headSince() != NONE && now - mark.headSince() > limitNanos) {
                close(endPoint, "slow_request_head", "request head not received within", limitNanos);
                continue;
            }
            next.put(http, mark);
        }
        marks = next; // connections closed since the last sweep drop out here
    }

    private void close(EndPoint endPoint, String metric, String what, long limit) {
        metrics.requestRefused(metric);
        String message = what + " " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms";
        LOG.debug("closing {}: {}", endPoint, message);
        endPoint.close(new TimeoutException(message));
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
