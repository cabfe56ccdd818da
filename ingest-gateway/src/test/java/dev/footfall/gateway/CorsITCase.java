package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.BLOG_ORIGIN;
import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CORS preflight and responses: only allowed origins are ever named, every answer to an allowed
 * origin names it (whatever the route or the refusal), and the headers the real browser SDKs add
 * pass the preflight.
 */
class CorsITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("cors");

    @ParameterizedTest
    @ValueSource(strings = {"/api/events", "/v1/batch", "/v1/track", "/v1/page"})
    void shouldAnswerThePreflightOfAJsonFetchFromAnAllowedOrigin(String path) {
        HttpResponse<String> response = preflight(path, SHOP_ORIGIN, "content-type");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(v -> assertThat(v.toLowerCase()).contains("content-type"));
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("7200");
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    /** A JSON fetch, and the headers the browser SDKs add: neither is let through for an origin no site allows. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/events | content-type",
        "/v1/track   | anonymousid,authorization,sentat"})
    void shouldRefuseThePreflightOfAnOriginNoSiteAllows(String path, String requestedHeaders) {
        HttpResponse<String> response = preflight(path, "https://evil.test", requestedHeaders);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("reason").asText()).isEqualTo("origin_not_allowed");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void shouldTreatOriginsAsTheBrowserSendsThemNotAsPrefixes() {
        for (String lookalike : new String[] {"http://shop.test.evil.test", "http://shop.test:8080", "https://shop.test", "null"}) {
            HttpResponse<String> response = preflight(GW, "/api/events", lookalike, "POST");
            assertThat(response.statusCode()).as(lookalike).isEqualTo(403);
        }
    }

    @Test
    void shouldRefuseAPreflightForAnotherMethod() {
        HttpResponse<String> response = preflight(GW, "/api/events", SHOP_ORIGIN, "DELETE");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).path("reason").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void shouldNameTheAllowedOriginOnEveryAnswerSoTheBrowserLetsThePageReadIt() {
        HttpResponse<String> ok = GW.post("/api/events", "{\"name\":\"E\"}", "Origin", BLOG_ORIGIN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(BLOG_ORIGIN);
        assertThat(ok.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Retry-After");

        HttpResponse<String> invalid = GW.post("/api/events", "{\"data\":{}}", "Origin", BLOG_ORIGIN);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Access-Control-Allow-Origin")).hasValue(BLOG_ORIGIN);
    }

    @Test
    void shouldSendNoCorsHeadersToAnOriginNoSiteAllows() {
        HttpResponse<String> response = GW.post("/api/events", "{\"name\":\"E\"}", "Origin", "https://evil.test");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldLetThroughThePreflightOfEveryHeaderTheBrowserSdksSend() {
        // As Chromium sends them: lower-cased, sorted, comma-separated. analytics-next: authorization
        // (and x-retry-count on a retry); RudderStack's browser SDK: anonymousid, authorization,
        // sentat (and rsa-recovered, rsa-retry-* on a retry).
        for (String requested : new String[] {"authorization", "authorization,x-retry-count",
                "anonymousid,authorization,content-type,sentat",
                "anonymousid,authorization,content-type,rsa-recovered,rsa-retry-attempt,rsa-retry-reason,"
                        + "rsa-since-first-attempt,rsa-since-last-attempt,sentat"}) {
            HttpResponse<String> response = preflight("/v1/track", SHOP_ORIGIN, requested);

            assertThat(response.statusCode()).as(requested).isEqualTo(204);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
            String allowed = response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase();
            for (String header : requested.split(",")) {
                assertThat(allowed).as(requested).contains(header);
            }
        }
    }

    @Test
    void shouldRefuseThePreflightOfAnUnknownHeaderAndSayWhich() {
        HttpResponse<String> response = preflight("/v1/batch", SHOP_ORIGIN, "authorization,x-forwarded-for");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("reason").asText()).isEqualTo("header_not_allowed");
        assertThat(json(response).path("message").asText()).contains("'x-forwarded-for'");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void shouldAnswerAPreflightToAnUnknownPathWithA404ThePageCanRead() {
        HttpResponse<String> response = preflight(GW, "/v2/nowhere", SHOP_ORIGIN, "POST");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("reason").asText()).isEqualTo("not_found");
        assertThat(json(response).path("message").asText()).contains("OPTIONS /v2/nowhere");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /nowhere", "POST /v1/nowhere", "GET /v1/batch", "PUT /health", "GET /health",
            "GET /footfall.js", "DELETE /footfall.js"})
    void shouldNameTheAllowedOriginOnAnswersOfEveryRoute(String request) {
        String[] methodAndPath = request.split(" ");
        HttpResponse<String> response = GW.request(methodAndPath[0], methodAndPath[1], "Origin", BLOG_ORIGIN);

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(request).hasValue(BLOG_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).as(request).hasValue("Retry-After");
        assertThat(response.headers().allValues("Vary")).as(request).anySatisfy(v -> assertThat(v).contains("Origin"));
        if (response.statusCode() >= 400) {
            assertThat(json(response).path("reason").asText()).as(request).isNotBlank();
            assertThat(json(response).path("message").asText()).as(request).isNotBlank();
        }
    }

    @Test
    void shouldNameNoOriginOnAnswersToAnOriginNoSiteAllows() {
        for (String path : new String[] {"/nowhere", "/health", "/footfall.js"}) {
            HttpResponse<String> response = GW.get(path, "Origin", "https://evil.test");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
    }

    @Test
    void shouldAnswerAPreflightToAPathOfTheStaticDirectoryWithA404ThePageCanRead(@TempDir Path site) throws Exception {
        Files.writeString(site.resolve("index.html"), "<p>hi</p>");
        try (TestGateway withSite = TestGateway.start(GW.kafka, GW.topic,
                TestGateway.config(GW.kafka, GW.topic).with("static.dir", site.toString()))) {
            for (String path : new String[] {"/nowhere", "/index.html"}) {
                HttpResponse<String> preflight = preflight(withSite, path, SHOP_ORIGIN, "POST");
                assertThat(preflight.statusCode()).as(path).isEqualTo(404);
                assertThat(json(preflight).path("reason").asText()).as(path).isEqualTo("not_found");
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(SHOP_ORIGIN);
            }
            HttpResponse<String> missing = withSite.get("/missing.html", "Origin", SHOP_ORIGIN);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(json(missing).path("reason").asText()).isEqualTo("not_found");
            assertThat(missing.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
            HttpResponse<String> page = withSite.get("/index.html", "Origin", SHOP_ORIGIN);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("<p>hi</p>");
        }
    }

    /** The preflight a browser sends before a cross-origin {@code method} request without extra headers. */
    private static HttpResponse<String> preflight(TestGateway gw, String path, String origin, String method) {
        return gw.request("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", method);
    }

    /** The preflight before a POST with {@code requestedHeaders}, listed as Chromium lists them: lower-cased, sorted. */
    private static HttpResponse<String> preflight(String path, String origin, String requestedHeaders) {
        return GW.request("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", requestedHeaders);
    }
}
