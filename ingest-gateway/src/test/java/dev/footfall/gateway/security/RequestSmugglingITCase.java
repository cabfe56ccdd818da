package dev.footfall.gateway.security;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.gateway.TestGateway;
import dev.footfall.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling over raw sockets: requests whose framing a proxy and the gateway could read
 * differently. Each is refused with a JSON 400 and its connection closed, so the
 * request hidden behind it is never parsed; the hidden request's event, named by a marker
 * unique to the case, must never reach Kafka, nor the outer event of a refused request.
 */
class RequestSmugglingITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static TestGateway gw;

    @BeforeAll
    static void startGateway() {
        // A short idle timeout: a connection the gateway keeps open costs the test little.
        gw = TestGateway.start(KAFKA.client(), "smuggling", config -> config.with("http.idle.timeout.ms", "3000"));
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    private static String event(String name) {
        return "{\"event\":\"" + name + "\",\"userId\":\"smuggler\"}";
    }

    /** A complete, valid request that, if the gateway ever parsed it, would store {@code marker}. */
    private static String hidden(String marker) {
        String body = event(marker);
        return "POST /v1/track HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + basic(SHOP_KEY)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String head(String extraHeaders) {
        return "POST /v1/track HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + basic(SHOP_KEY)
                + "\r\nContent-Type: application/json\r\n" + extraHeaders;
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    /** Refused by Jetty's parser while reading the head: {@code 400 bad_request}. */
    private static Arguments refused(String name, String request) {
        return Arguments.of(name, request, "bad_request");
    }

    /** A head that parses, with a chunked body that does not: {@code 400 malformed_body_framing}. */
    private static Arguments brokenBody(String name, String request) {
        return Arguments.of(name, request, "malformed_body_framing");
    }

    static Stream<Arguments> refusedRequests() {
        String outer = event("outer");
        String smuggled = hidden("smuggled");
        return Stream.of(
                refused("Content-Length and chunked (CL first)",
                        head("Content-Length: " + (5 + smuggled.length()) + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                                + "0\r\n\r\n" + smuggled),
                refused("chunked and Content-Length (TE first)",
                        head("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n") + chunk(outer) + "0\r\n\r\n" + smuggled),
                refused("two differing Content-Lengths",
                        head("Content-Length: " + outer.length() + "\r\nContent-Length: " + (outer.length() + smuggled.length())
                                + "\r\n\r\n") + outer + smuggled),
                refused("two equal Content-Lengths",
                        head("Content-Length: " + outer.length() + "\r\nContent-Length: " + outer.length() + "\r\n\r\n")
                                + outer + smuggled),
                refused("Content-Length list",
                        head("Content-Length: " + outer.length() + ", " + (outer.length() + smuggled.length()) + "\r\n\r\n")
                                + outer + smuggled),
                refused("signed Content-Length",
                        head("Content-Length: +" + outer.length() + "\r\n\r\n") + outer + smuggled),
                refused("obs-fold continuation line",
                        head("X-Note: a\r\n Transfer-Encoding: chunked\r\nContent-Length: " + outer.length() + "\r\n\r\n")
                                + outer + smuggled),
                refused("folded Transfer-Encoding",
                        head("Transfer-Encoding:\r\n chunked\r\nContent-Length: " + outer.length() + "\r\n\r\n") + outer + smuggled),
                refused("bare LF line endings throughout",
                        ("POST /v1/track HTTP/1.1\nHost: gateway\nAuthorization: " + basic(SHOP_KEY)
                                + "\nContent-Type: application/json\nContent-Length: " + outer.length() + "\n\n") + outer + smuggled),
                refused("a bare LF hiding a Transfer-Encoding",
                        head("X-Note: a\nTransfer-Encoding: chunked\r\nContent-Length: " + outer.length() + "\r\n\r\n")
                                + outer + smuggled),
                refused("whitespace before the colon",
                        head("Transfer-Encoding : chunked\r\nContent-Length: " + outer.length() + "\r\n\r\n") + outer + smuggled),
                refused("whitespace before the colon of Content-Length",
                        head("Content-Length : " + outer.length() + "\r\n\r\n") + outer + smuggled),
                refused("a header without a colon",
                        head("Transfer-Encoding chunked\r\nContent-Length: " + outer.length() + "\r\n\r\n") + outer + smuggled),
                refused("chunked, identity", head("Transfer-Encoding: chunked, identity\r\n\r\n") + chunk(outer) + "0\r\n\r\n" + smuggled),
                refused("identity", head("Transfer-Encoding: identity\r\n\r\n") + outer + smuggled),
                refused("xchunked", head("Transfer-Encoding: xchunked\r\n\r\n") + chunk(outer) + "0\r\n\r\n" + smuggled),
                refused("chunked twice", head("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")
                        + chunk(outer) + "0\r\n\r\n" + smuggled),
                brokenBody("a chunk size that is not hex", head("Transfer-Encoding: chunked\r\n\r\n") + "zz\r\n" + outer
                        + "\r\n0\r\n\r\n" + smuggled),
                brokenBody("a chunk size past 2^63", head("Transfer-Encoding: chunked\r\n\r\n") + "1" + "0".repeat(17) + "\r\n"
                        + outer + smuggled),
                brokenBody("a chunk longer than its size", head("Transfer-Encoding: chunked\r\n\r\n") + "3\r\n" + outer
                        + "\r\n0\r\n\r\n" + smuggled),
                brokenBody("a chunk size line ended by a bare LF", head("Transfer-Encoding: chunked\r\n\r\n")
                        + Integer.toHexString(outer.length()) + "\n" + outer + "\r\n0\r\n\r\n" + smuggled),
                brokenBody("a chunk extension ended by a bare LF", head("Transfer-Encoding: chunked\r\n\r\n")
                        + Integer.toHexString(outer.length()) + ";x=\"y\n" + outer + "\r\n0\r\n\r\n" + smuggled),
                refused("a NUL in a header value", head("X-Note: a\u0000b\r\nContent-Length: " + outer.length() + "\r\n\r\n")
                        + outer + smuggled),
                refused("a CR inside a header value", head("X-Note: a\rTransfer-Encoding: chunked\r\nContent-Length: "
                        + outer.length() + "\r\n\r\n") + outer + smuggled));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void shouldRefuseAmbiguousFramingAndNeverParseWhatIsHiddenBehindIt(String name, String request, String reason) {
        long before = gw.recordCount();

        // No half-close: the gateway itself must close the connection, before its idle timeout.
        RawHttp.Exchange exchange = RawHttp.exchange(gw.gateway.port(), request.getBytes(StandardCharsets.ISO_8859_1),
                false, 2_000);

        assertThat(exchange.responses()).as(name + ": " + exchange.raw()).hasSize(1);
        RawHttp.Response response = exchange.only();
        assertThat(response.status()).as(name + ": " + exchange.raw()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(response.json().path("success").asBoolean(true)).isFalse();
        assertThat(response.json().path("reason").asText()).isEqualTo(reason);
        assertThat(response.json().path("message").asText()).isNotBlank();
        assertThat(exchange.closedByServer()).as("connection closed by the gateway").isTrue();
        assertThat(gw.recordCount()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void shouldStoreOnlyTheOuterEventOfARequestHidingAnotherInItsBody() {
        // The hidden request is inside a JSON string, framed by an exact Content-Length: one request.
        String body = "{\"event\":\"outer-with-cargo\",\"userId\":\"smuggler\",\"properties\":{\"cargo\":\""
                + hidden("smuggled-in-body").replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")
                + "\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        RawHttp.Exchange exchange = RawHttp.exchange(gw.gateway.port(),
                head("Content-Length: " + bytes.length + "\r\n\r\n") + body, true);

        assertThat(exchange.statuses()).as(exchange.raw()).containsExactly(200);
        assertEventsNamed("outer-with-cargo", 1);
        assertEventsNamed("smuggled-in-body", 0);
    }

    @Test
    void shouldReadChunkExtensionsWithoutLettingThemHideARequest() {
        String outer = event("outer-chunk-extension");
        String request = head("Transfer-Encoding: chunked\r\n\r\n")
                + Integer.toHexString(outer.length()) + ";name=\"value; " + "x".repeat(200) + "\"\r\n" + outer + "\r\n"
                + "0;last\r\n\r\n";

        RawHttp.Exchange exchange = RawHttp.exchange(gw.gateway.port(), request, true);

        assertThat(exchange.statuses()).as(exchange.raw()).containsExactly(200);
        assertEventsNamed("outer-chunk-extension", 1);
    }

    @Test
    void shouldNeverStoreAnEventOfAHiddenRequest() {
        // Runs over what the other cases left in the topic, whatever their order.
        List<JsonNode> stored = gw.storedRecords();
        assertThat(stored).noneSatisfy(r -> assertThat(r.path("event").asText()).startsWith("smuggled"));
        assertThat(stored).noneSatisfy(r -> assertThat(r.path("event").asText()).isEqualTo("outer"));
    }

    private static void assertEventsNamed(String name, int expected) {
        List<JsonNode> stored = gw.storedRecords();
        assertThat(stored.stream().filter(r -> name.equals(r.path("event").asText())).count())
                .as("records named " + name).isEqualTo(expected);
    }
}
