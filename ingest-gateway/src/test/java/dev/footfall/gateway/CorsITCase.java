package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.BLOG_ORIGIN;
import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.testkit.KafkaExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS preflight and responses: only allowed origins are ever named. */
class CorsITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static TestGateway gw;

    @BeforeAll
    static void startGateway() {
        gw = TestGateway.start(KAFKA.client(), "cors");
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/events", "/v1/batch", "/v1/track", "/v1/page"})
    void shouldAnswerThePreflightOfAJsonFetchFromAnAllowedOrigin(String path) {
        HttpResponse<String> response = gw.request("OPTIONS", path, "Origin", SHOP_ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(v -> assertThat(v.toLowerCase()).contains("content-type"));
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("7200");
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void shouldRefuseThePreflightOfAnOriginNoSiteAllows() {
        HttpResponse<String> response = gw.request("OPTIONS", "/api/events", "Origin", "https://evil.test",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(json(response).path("reason").asText()).isEqualTo("origin_not_allowed");
    }

    @Test
    void shouldTreatOriginsAsTheBrowserSendsThemNotAsPrefixes() {
        for (String lookalike : new String[] {"http://shop.test.evil.test", "http://shop.test:8080", "https://shop.test", "null"}) {
            HttpResponse<String> response = gw.request("OPTIONS", "/api/events", "Origin", lookalike,
                    "Access-Control-Request-Method", "POST");
            assertThat(response.statusCode()).as(lookalike).isEqualTo(403);
        }
    }

    @Test
    void shouldRefuseAPreflightForAnotherMethod() {
        HttpResponse<String> response = gw.request("OPTIONS", "/api/events", "Origin", SHOP_ORIGIN,
                "Access-Control-Request-Method", "DELETE");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).path("reason").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void shouldNameTheAllowedOriginOnEveryAnswerSoTheBrowserLetsThePageReadIt() {
        HttpResponse<String> ok = gw.post("/api/events", "{\"name\":\"E\"}", "Origin", BLOG_ORIGIN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(BLOG_ORIGIN);
        assertThat(ok.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Retry-After");

        HttpResponse<String> invalid = gw.post("/api/events", "{\"data\":{}}", "Origin", BLOG_ORIGIN);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Access-Control-Allow-Origin")).hasValue(BLOG_ORIGIN);
    }

    @Test
    void shouldSendNoCorsHeadersToAnOriginNoSiteAllows() {
        HttpResponse<String> response = gw.post("/api/events", "{\"name\":\"E\"}", "Origin", "https://evil.test");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
