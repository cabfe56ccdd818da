package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While the gateway stops, it finishes the requests in flight and refuses new ones. Such a
 * refusal comes from Jetty, not from the gateway's handlers; it must still be a 503 in the
 * gateway's JSON shape with {@code Retry-After}, like every other 503, so a client comes back
 * rather than gives up, and nothing of it is stored.
 */
@ExtendWith(KafkaExtension.class)
class GracefulShutdownITCase {

    @Test
    void shouldAskRequestsArrivingDuringTheStopToComeBack(KafkaTestClient kafka) throws Exception {
        try (TestGateway gw = TestGateway.start(kafka, "shutdown")) {
            assertThat(send(gw, "before").statusCode()).isEqualTo(200);

            // The first step of a stop, on its own: the server keeps its connector open, so the
            // request below surely arrives while the gateway is shutting down.
            GracefulHandler graceful = gw.gateway().server().getDescendant(GracefulHandler.class);
            graceful.shutdown();

            HttpResponse<String> refused = send(gw, "during");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(TestGateway.json(refused.body()).path("success").asBoolean(true)).isFalse();
            assertThat(TestGateway.json(refused.body()).path("reason").asText()).isEqualTo("unavailable");
            assertThat(gw.records(list -> !list.isEmpty())).extracting(r -> TestGateway.json(r.value())
                    .path("messageId").asText()).containsExactly("before");
        }
    }

    private static HttpResponse<String> send(TestGateway gw, String messageId) {
        return gw.post("/v1/track", "{\"event\":\"Shutdown\",\"userId\":\"u-1\",\"messageId\":\"" + messageId + "\"}",
                "Authorization", basic(SHOP_KEY));
    }
}
