package dev.footfall.gateway.abuse;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.gateway.TestGateway;
import dev.footfall.gateway.security.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request heads past Jetty's 8 KB limit (one huge header, a huge cookie, thousands of headers, a
 * long request line) are refused before any handler runs, in the gateway's JSON shape, and the
 * connection is closed. Each carries a valid event, which must not reach Kafka.
 */
class OversizedRequestITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("oversized");

    private static final String EVENT = "{\"event\":\"Oversized\",\"userId\":\"u\"}";

    @AfterEach
    void nothingReachedKafkaButTheControl() {
        assertThat(GW.storedRecords()).allSatisfy(r -> assertThat(r.path("properties").path("control").asBoolean()).isTrue());
    }

    private static String request(String target, String extraHeaders) {
        return "POST " + target + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + basic(SHOP_KEY)
                + "\r\nContent-Type: application/json\r\n" + extraHeaders + "Content-Length: " + EVENT.length()
                + "\r\n\r\n" + EVENT;
    }

    private static String manyHeaders(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("X-H").append(i).append(": v\r\n");
        }
        return out.toString();
    }

    static Stream<Arguments> oversized() {
        return Stream.of(
                Arguments.of("one 20 KB header", request("/v1/track", "X-Pad: " + "a".repeat(20_000) + "\r\n"), 431, "headers_too_large"),
                Arguments.of("a 20 KB cookie", request("/v1/track", "Cookie: session=" + "c".repeat(20_000) + "\r\n"), 431, "headers_too_large"),
                Arguments.of("2,000 small headers", request("/v1/track", manyHeaders(2_000)), 431, "headers_too_large"),
                Arguments.of("a 9 KB header just past the limit", request("/v1/track", "X-Pad: " + "a".repeat(9_000) + "\r\n"), 431, "headers_too_large"),
                Arguments.of("a 20 KB request line", request("/v1/track?q=" + "u".repeat(20_000), ""), 414, "uri_too_long"),
                Arguments.of("a 20 KB path", request("/v1/" + "p".repeat(20_000), ""), 414, "uri_too_long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void shouldRefuseAnOversizedHeadAndCloseTheConnection(String name, String request, int status, String reason) {
        RawHttp.Exchange exchange = RawHttp.exchange(GW.gateway.port(), request.getBytes(StandardCharsets.ISO_8859_1),
                false, 10_000);

        assertThat(exchange.responses()).as(name + ": " + exchange.raw()).hasSize(1);
        RawHttp.Response response = exchange.only();
        assertThat(response.status()).as(name).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(response.json().path("reason").asText()).isEqualTo(reason);
        assertThat(response.json().path("message").asText()).isNotBlank();
        assertThat(exchange.closedByServer()).as("connection closed by the gateway").isTrue();
    }

    @Test
    void shouldAcceptAHeadJustUnderTheLimit() {
        String body = "{\"event\":\"Oversized\",\"userId\":\"u\",\"properties\":{\"control\":true}}";
        String request = "POST /v1/track HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + basic(SHOP_KEY)
                + "\r\nContent-Type: application/json\r\nX-Pad: " + "a".repeat(7_000) + "\r\nConnection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;

        RawHttp.Exchange exchange = RawHttp.exchange(GW.gateway.port(), request, false);

        assertThat(exchange.statuses()).as(exchange.raw()).containsExactly(200);
    }
}
