package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.BLOG_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.testkit.KafkaExtension;
import dev.footfall.gateway.security.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rate limits per client address and per write key answer 429 with Retry-After. */
class RateLimitITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final String EVENT = "{\"event\":\"E\",\"userId\":\"u\"}";

    @Test
    void shouldLimitOneClientAddressButNotAnother() {
        // A slow refill so the burst cannot be topped up while the test runs.
        try (TestGateway gw = TestGateway.start(KAFKA.client(), "rate-address", config -> config
                .with("trusted.proxies", "127.0.0.1")
                .with("rate.address.per.second", "0.05")
                .with("rate.address.burst", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(fromAddress(gw, SHOP_KEY, "203.0.113.10").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = fromAddress(gw, SHOP_KEY, "203.0.113.10");

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(json(limited).path("reason").asText()).isEqualTo("rate_limited");
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 20L);
            assertThat(fromAddress(gw, SHOP_KEY, "203.0.113.11").statusCode()).as("another address").isEqualTo(200);
        }
    }

    @Test
    void shouldLimitOneWriteKeyWhileAnotherSitesTrafficFlows() {
        try (TestGateway gw = TestGateway.start(KAFKA.client(), "rate-key", config -> config
                .with("rate.writekey.per.second", "0.05")
                .with("rate.writekey.burst", "2"))) {
            assertThat(gw.post("/v1/track", EVENT, "Authorization", basic(SHOP_KEY)).statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/track", EVENT, "Authorization", basic(SHOP_KEY)).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = gw.post("/v1/track", EVENT, "Authorization", basic(SHOP_KEY));

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(limited).path("message").asText()).contains("shop");
            assertThat(gw.post("/v1/track", EVENT, "Authorization", basic(BLOG_KEY)).statusCode())
                    .as("the blog's key has a bucket of its own").isEqualTo(200);
        }
    }

    @Test
    void shouldCloseTheConnectionOpenlyAfterRefusingARequestWhoseBodyHadNotArrived() throws IOException {
        try (TestGateway gw = TestGateway.start(KAFKA.client(), "rate-keepalive", config -> config
                .with("rate.address.per.second", "0.05")
                .with("rate.address.burst", "1"));
                Socket socket = new Socket("127.0.0.1", gw.gateway.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST /v1/track HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + basic(SHOP_KEY)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + EVENT.length() + "\r\n\r\n";
            out.write((head + EVENT).getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readOne(in).status()).as("the burst of one").isEqualTo(200);

            // The head alone: the gateway refuses on headers, before the body has arrived.
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response limited = RawHttp.readOne(in);
            assertThat(limited.status()).isEqualTo(429);

            // Jetty cannot reuse a connection whose body it has not read; had it closed it
            // silently, the client's next request on it would be lost. It says so instead.
            assertThat(limited.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(RawHttp.read(in).closedByServer()).isTrue();
        }
    }

    private static HttpResponse<String> fromAddress(TestGateway gw, String key, String address) {
        return gw.post("/v1/track", EVENT, "Authorization", basic(key), "X-Forwarded-For", address);
    }
}
