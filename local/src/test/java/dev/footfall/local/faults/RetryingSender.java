package dev.footfall.local.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server SDK in a thread: posts batches to {@code /v1/batch} at a steady pace and, like
 * Segment's libraries, retries a batch with the same message ids until the gateway answers 200
 * (on 503 and 429 after the Retry-After it names, capped so a test stays short; on no answer
 * after a short back-off). Every attempt and every acknowledgement goes into the ledger.
 */
final class RetryingSender implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(1);
    private static final Duration NO_ANSWER_BACKOFF = Duration.ofMillis(250);
    private static final Duration GIVE_UP_AFTER_STOP = Duration.ofMinutes(3);
    private static final int VISITORS = 20;

    private final String name;
    private final String gatewayUrl;
    private final String authorization;
    private final EventLedger ledger;
    private final int batchSize;
    private final Duration pace;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread thread;
    private final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;
    private long sequence;

    private RetryingSender(String name, String gatewayUrl, String writeKey, EventLedger ledger, int batchSize,
            Duration pace) {
        this.name = name;
        this.gatewayUrl = gatewayUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.ledger = ledger;
        this.batchSize = batchSize;
        this.pace = pace;
        this.thread = new Thread(this::run, "sender-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts sending; message ids are {@code name-NNNNNN}, so several senders never share one. */
    static RetryingSender start(String name, String gatewayUrl, String writeKey, EventLedger ledger, int batchSize,
            Duration pace) {
        RetryingSender sender = new RetryingSender(name, gatewayUrl, writeKey, ledger, batchSize, pace);
        sender.thread.start();
        return sender;
    }

    /**
     * Stops taking new batches, lets the current one be retried until it is acknowledged (bounded),
     * and rethrows anything the gateway answered that an SDK would not retry.
     */
    @Override
    public void close() throws InterruptedException {
        giveUpAtNanos = System.nanoTime() + GIVE_UP_AFTER_STOP.toNanos();
        stopping = true;
        thread.join(GIVE_UP_AFTER_STOP.plusSeconds(30).toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError("sender " + name + " did not stop");
        }
        if (unexpected.get() != null) {
            throw new AssertionError("sender " + name + " failed", unexpected.get());
        }
    }

    private void run() {
        try {
            while (!stopping) {
                List<String> ids = new ArrayList<>(batchSize);
                String body = nextBatch(ids);
                deliver(body, ids);
                // Pacing: a steady trickle of traffic, not a flood.
                TimeUnit.NANOSECONDS.sleep(pace.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            unexpected.set(t);
        }
    }

    private void deliver(String body, List<String> ids) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/batch"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        while (System.nanoTime() < giveUpAtNanos) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                ledger.unanswered();
                TimeUnit.NANOSECONDS.sleep(NO_ANSWER_BACKOFF.toNanos());
                continue;
            }
            int status = response.statusCode();
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            ledger.answered(status, retryAfter != null, response.body());
            if (status == 200) {
                ledger.acknowledged(ids);
                return;
            }
            if (status != 503 && status != 429) {
                throw new IllegalStateException("gateway answered " + status + " " + response.body()
                        + ", which no SDK retries");
            }
            TimeUnit.NANOSECONDS.sleep(retryWait(retryAfter).toNanos());
        }
    }

    private static Duration retryWait(String retryAfter) {
        try {
            Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter == null ? "1" : retryAfter.trim()));
            return asked.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : asked;
        } catch (NumberFormatException e) {
            return MAX_RETRY_WAIT;
        }
    }

    /** Page views and clicks from a small pool of visitors, every third event a page view. */
    private String nextBatch(List<String> ids) {
        String now = Instant.now().toString();
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < batchSize; i++) {
            long n = sequence++;
            String id = "%s-%06d".formatted(name, n);
            String visitor = name + "-visitor-" + (n % VISITORS);
            boolean pageView = n % 3 == 0;
            if (i > 0) {
                body.append(',');
            }
            if (pageView) {
                String path = "/p/" + (n % 7);
                body.append("""
                        {"type":"page","messageId":"%s","anonymousId":"%s","name":"Page",\
                        "context":{"page":{"url":"https://shop.example%s","path":"%s"}},"timestamp":"%s"}"""
                        .formatted(id, visitor, path, path, now));
            } else {
                body.append("""
                        {"type":"track","messageId":"%s","anonymousId":"%s","event":"Clicked","timestamp":"%s"}"""
                        .formatted(id, visitor, now));
            }
            ids.add(id);
            ledger.sent(id, pageView);
        }
        return body.append("],\"sentAt\":\"").append(now).append("\"}").toString();
    }
}
