package dev.footfall.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.gateway.GatewayMain;
import dev.footfall.gateway.TestGateway;
import dev.footfall.gateway.fuzz.FuzzRequests.FuzzRequest;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generative fuzzing of the gateway's request handling: over 100,000 seeded requests (odd
 * methods and paths, headers, charsets, encodings, framings; malformed, truncated, deeply
 * nested, huge, non-UTF-8 bodies) against a real gateway writing to a real Kafka broker.
 *
 * <p>Most inputs go through Jetty's {@link LocalConnector}: the same HTTP parser, handlers and
 * Kafka sink, minus the TCP socket, so 2 cores get through them quickly. The rest go over real
 * keep-alive TCP connections to the gateway's own port. Every answer must be a 2xx or a 4xx
 * whose JSON body names a reason code; no 5xx (Kafka is up), and no request may go unanswered
 * within its deadline. The seed is printed and settable ({@code -Dfuzz.seed=...}).
 */
class GatewayFuzzITCase {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFuzzITCase.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int IN_PROCESS_INPUTS = Integer.getInteger("fuzz.inProcess", 100_000);
    static final int OVER_TCP_INPUTS = Integer.getInteger("fuzz.overTcp", 12_000);
    private static final long REQUEST_DEADLINE_SECONDS = 20;
    private static final int IDLE_TIMEOUT_MS = 1_500;

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    @Test
    void shouldAnswerEveryInputWithA2xxOr4xxAndAReasonCode() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        LOG.info("gateway fuzz seed {} (rerun with -Dfuzz.seed={})", seed, seed);
        KafkaTestClient kafka = KAFKA.client();
        String topic = TestGateway.newTopic(kafka, "fuzz");
        Server server = GatewayMain.newServer(TestGateway.config(kafka, topic)
                .with("http.idle.timeout.ms", Integer.toString(IDLE_TIMEOUT_MS))
                .with("trusted.proxies", "127.0.0.1/32"));
        HttpConnectionFactory http = server.getConnectors()[0].getConnectionFactory(HttpConnectionFactory.class);
        LocalConnector local = new LocalConnector(server, new HttpConnectionFactory(http.getHttpConfiguration()));
        local.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(local);
        server.start();
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            long started = System.nanoTime();
            runInProcess(local, seed);
            long inProcessDone = System.nanoTime();
            runOverTcp(port, local, seed + 1);
            long overTcpDone = System.nanoTime();
            LOG.info("gateway fuzz: {} inputs in-process in {} ms, {} over TCP in {} ms; outcomes {}",
                    IN_PROCESS_INPUTS, (inProcessDone - started) / 1_000_000, OVER_TCP_INPUTS,
                    (overTcpDone - inProcessDone) / 1_000_000, new TreeMap<>(outcomes));
            assertThat(outcomes.keySet()).as("the corpus reaches the accepting path and the refusing ones")
                    .contains("200", "400 malformed_json", "401 missing_write_key", "405 method_not_allowed",
                            "415 unsupported_media_type", "404 not_found");
            assertThat(server.isRunning()).isTrue();
        } finally {
            server.stop();
        }
    }

    private void runInProcess(LocalConnector local, long seed) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int lane = t;
                done.add(pool.submit(() -> {
                    FuzzRequests requests = new FuzzRequests(seed * 31 + lane, "127.0.0.1");
                    for (long i = lane; i < IN_PROCESS_INPUTS; i += threads) {
                        FuzzRequest request = requests.next(i, false);
                        check(request, sendInProcess(local, request));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpTester.Response sendInProcess(LocalConnector local, FuzzRequest request) throws Exception {
        LocalConnector.LocalEndPoint endpoint = local.connect();
        try {
            endpoint.addInput(ByteBuffer.wrap(request.bytes()));
            if (request.framing() == FuzzRequests.Framing.LENGTH_TOO_LONG) {
                endpoint.addInputEOF(); // the client gives up half-way through its body
            }
            while (true) {
                ByteBuffer answer = endpoint.waitForResponse(request.isHead(), REQUEST_DEADLINE_SECONDS, TimeUnit.SECONDS);
                if (answer == null) {
                    throw new AssertionError("no answer within " + REQUEST_DEADLINE_SECONDS + " s to " + request.describe());
                }
                HttpTester.Response response = request.isHead()
                        ? HttpTester.parseHeadResponse(answer) : HttpTester.parseResponse(answer);
                if (response.getStatus() != 100) { // "100 Continue" is an interim answer; the real one follows
                    return response;
                }
            }
        } finally {
            endpoint.close();
        }
    }

    private void runOverTcp(int port, LocalConnector local, long seed) throws Exception {
        int connections = 4;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        LongAdder reconnects = new LongAdder();
        LongAdder staleRetries = new LongAdder();
        LongAdder resetReplays = new LongAdder();
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int lane = c;
                done.add(pool.submit(() -> {
                    FuzzRequests requests = new FuzzRequests(seed * 31 + lane, "127.0.0.1:" + port);
                    KeepAliveConnection connection = new KeepAliveConnection(port);
                    try {
                        for (long i = lane; i < OVER_TCP_INPUTS; i += connections) {
                            FuzzRequest request = requests.next(i, true);
                            HttpTester.Response response = connection.exchange(request);
                            if (response == null && connection.served > 0 && !connection.halfClosed) {
                                // A server may close an idle keep-alive connection at any time
                                // (Jetty does after a request whose body it did not read); clients
                                // resend on a fresh one. A fresh connection must answer.
                                staleRetries.increment();
                                connection.close();
                                connection = new KeepAliveConnection(port);
                                response = connection.exchange(request);
                            }
                            if (response == null) {
                                // Jetty answers a request it refuses early (431, 400, 405 before
                                // the body) and closes; the unread rest of the request then makes the
                                // kernel reset the connection, which can discard the answer before
                                // the client reads it. That is TCP, not the gateway: the same bytes
                                // are replayed in-process, where the answer cannot be lost, and
                                // checked there; the reconnect count says how often it happened.
                                resetReplays.increment();
                                response = sendInProcess(local, request);
                                connection.halfClosed = true;
                            }
                            check(request, response);
                            if (connection.mustReconnect(response)) {
                                reconnects.increment();
                                connection.close();
                                connection = new KeepAliveConnection(port);
                            }
                        }
                    } finally {
                        connection.close();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        LOG.info("gateway fuzz over TCP: {} requests on {} keep-alive connections, {} reconnects after Connection: close,"
                + " {} resent after the server closed a kept-alive connection, {} answers lost to a TCP reset"
                + " and checked in-process", OVER_TCP_INPUTS, connections, reconnects.sum(), staleRetries.sum(),
                resetReplays.sum());
        assertThat(resetReplays.sum()).as("answers lost to resets are rare, or the TCP phase proves little")
                .isLessThan(OVER_TCP_INPUTS / 20);
    }

    /** One client connection that is reused until the server says it will close it. */
    private static final class KeepAliveConnection {
        private final Socket socket;
        private final OutputStream out;
        private final HttpTester.Input in;
        int served;
        boolean halfClosed;

        KeepAliveConnection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(REQUEST_DEADLINE_SECONDS));
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            InputStream stream = new BufferedInputStream(socket.getInputStream());
            in = HttpTester.from(stream);
        }

        /** The answer, or null when the server closed the connection without one. */
        HttpTester.Response exchange(FuzzRequest request) throws IOException {
            try {
                out.write(request.bytes());
                out.flush();
            } catch (java.net.SocketException closed) {
                // The server may answer early (a 405 or 413 before the body) and close while a
                // large body is still being written: the answer is then already on its way.
                halfClosed = true;
            }
            HttpTester.Response response;
            try {
                response = HttpTester.parseResponse(in, request.isHead());
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no answer within " + REQUEST_DEADLINE_SECONDS + " s to " + request.describe(), e);
            } catch (java.net.SocketException closed) {
                return null;
            } catch (RuntimeException unreadable) {
                throw new AssertionError("an unreadable answer to " + request.describe(), unreadable);
            }
            if (response != null) {
                served++;
            }
            return response;
        }

        boolean mustReconnect(HttpTester.Response response) {
            String connection = response.get("Connection");
            return halfClosed || connection != null && connection.toLowerCase(java.util.Locale.ROOT).contains("close");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket the server may already have closed
            }
        }
    }

    private void check(FuzzRequest request, HttpTester.Response response) {
        int status = response.getStatus();
        String content = response.getContent();
        String context = "answer " + status + " " + content + "\nto " + request.describe();
        assertThat(status).as(context).satisfiesAnyOf(
                s -> assertThat(s).isBetween(200, 299),
                s -> assertThat(s).isBetween(400, 499));
        String reason = "";
        if (status >= 400) {
            if (!request.isHead()) {
                JsonNode body = parse(content, context);
                reason = body.path("reason").asText();
                assertThat(reason).as("reason code of " + context).matches("[a-z][a-z0-9_]*");
                assertThat(body.path("message").asText()).as("message of " + context).isNotBlank();
                assertThat(body.path("success").asBoolean(true)).as(context).isFalse();
            }
        } else if (status == 200 && !request.isHead() && isIngest(request.path())
                && request.method().equals("POST")) {
            assertThat(parse(content, context).path("success").asBoolean()).as(context).isTrue();
        }
        outcomes.computeIfAbsent(reason.isEmpty() ? Integer.toString(status) : status + " " + reason,
                k -> new LongAdder()).increment();
    }

    private static boolean isIngest(String path) {
        for (String ingest : FuzzRequests.INGEST_PATHS) {
            if (path.equals(ingest) || path.equals(ingest + "/")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String content, String context) {
        try {
            JsonNode node = JSON.readTree(content);
            assertThat(node).as("a JSON object: " + context).isNotNull();
            assertThat(node.isObject()).as("a JSON object: " + context).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + context, e);
        }
    }
}
