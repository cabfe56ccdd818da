package dev.footfall.gateway.security;

import static dev.footfall.gateway.TestGateway.BLOG_KEY;
import static dev.footfall.gateway.TestGateway.BLOG_ORIGIN;
import static dev.footfall.gateway.TestGateway.SERVER_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.gateway.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Can the write-key and origin checks be bypassed? Each row sends one request and asserts its
 * status, its stable reason code, and what Kafka got: nothing for a refusal, and for an
 * acceptance exactly the row's events, every one stored under the site the row expects (the
 * {@code siteId} of each record), never under a site the sender merely named. The rules each
 * row pins are in docs/ingest-gateway.md ("Authentication").
 *
 * <p>Sites (from {@link TestGateway}): shop ({@value TestGateway#SHOP_KEY}, origin
 * {@value TestGateway#SHOP_ORIGIN}), blog ({@value TestGateway#BLOG_KEY}, origin
 * {@value TestGateway#BLOG_ORIGIN}), backend ({@value TestGateway#SERVER_KEY}, no origins).
 */
class WriteKeyOriginBypassITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("bypass");

    private static final AtomicInteger MARKERS = new AtomicInteger();

    /**
     * One request and its expected outcome. {@code body} holds {@code {M}} where the row's unique
     * event name goes; {@code site} is null for a refusal.
     */
    private record Row(String path, List<String> headers, String body, int status, String reason, String site, int stored) {
        Row header(String name, String value) {
            List<String> more = new ArrayList<>(headers);
            more.add(name);
            more.add(value);
            return new Row(path, more, body, status, reason, site, stored);
        }

        Row key(String writeKey) {
            return header("Authorization", basic(writeKey));
        }

        Row origin(String origin) {
            return header("Origin", origin);
        }

        Row accepted(String siteId) {
            return new Row(path, headers, body, 200, null, siteId, body.split("\\{M}", -1).length - 1);
        }

        Row refused(int refusedStatus, String refusedReason) {
            return new Row(path, headers, body, refusedStatus, refusedReason, null, 0);
        }
    }

    private static Row post(String path, String body) {
        return new Row(path, List.of(), body, 0, null, null, 0);
    }

    private static Row track(String extraFields) {
        return post("/v1/track", "{\"event\":\"{M}\",\"userId\":\"u\"" + extraFields + "}");
    }

    private static Row track() {
        return track("");
    }

    private static Row simpleEvent() {
        return post("/api/events", "{\"name\":\"{M}\",\"data\":{\"n\":1}}");
    }

    private static Row batch(String topLevel, String... messageExtras) {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < messageExtras.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"{M}\",\"userId\":\"u\"")
                    .append(messageExtras[i]).append('}');
        }
        return post("/v1/batch", body.append(']').append(topLevel).append('}').toString());
    }

    private static String rawBasic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Named<Row> row(String name, Row row) {
        return Named.of(name, row);
    }

    static Stream<Named<Row>> writeKeysInTheHeader() {
        return Stream.of(
                row("exact key as the Basic user", track().key(SHOP_KEY).accepted("shop")),
                row("key with a password (ignored)", track().header("Authorization", rawBasic(SHOP_KEY + ":secret")).accepted("shop")),
                row("'basic' scheme in lower case", track().header("Authorization", "basic " + basic(SHOP_KEY).substring(6)).accepted("shop")),
                row("'BASIC' scheme in upper case", track().header("Authorization", "BASIC " + basic(SHOP_KEY).substring(6)).accepted("shop")),
                row("key upper-cased", track().key(SHOP_KEY.toUpperCase()).refused(401, "unknown_write_key")),
                row("one letter of the key upper-cased", track().key("wk_Shop_test").refused(401, "unknown_write_key")),
                row("key percent-encoded", track().key("wk%5Fshop%5Ftest").refused(401, "unknown_write_key")),
                row("key with a leading space", track().key(" " + SHOP_KEY).refused(401, "unknown_write_key")),
                row("key with a trailing space", track().key(SHOP_KEY + " ").refused(401, "unknown_write_key")),
                row("key with a trailing tab", track().key(SHOP_KEY + "\t").refused(401, "unknown_write_key")),
                row("key as the password, user empty", track().header("Authorization", rawBasic(":" + SHOP_KEY))
                        .refused(401, "invalid_authorization")),
                row("key as the password, user empty, from the site's origin", track().origin(SHOP_ORIGIN)
                        .header("Authorization", rawBasic(":" + SHOP_KEY)).refused(401, "invalid_authorization")),
                row("empty user and password", track().header("Authorization", rawBasic(":")).refused(401, "invalid_authorization")),
                row("malformed Base64", track().header("Authorization", "Basic !!not-base64!!").refused(401, "invalid_authorization")),
                row("the key not Base64-encoded", track().header("Authorization", "Basic " + SHOP_KEY).refused(401, "invalid_authorization")),
                row("Bearer scheme", track().header("Authorization", "Bearer " + SHOP_KEY).refused(401, "invalid_authorization")),
                row("two Authorization headers", track().key(BLOG_KEY).key(SHOP_KEY).refused(401, "invalid_authorization")),
                row("another site's key: stored for that site", track().key(BLOG_KEY).accepted("blog")),
                row("another site's key from this site's origin", track().key(BLOG_KEY).origin(SHOP_ORIGIN).refused(403, "origin_not_allowed")),
                row("a server-only site's key from a browser origin", track().key(SERVER_KEY).origin(SHOP_ORIGIN)
                        .refused(403, "origin_not_allowed")),
                row("valid key from an origin no site allows", track().key(SHOP_KEY).origin("https://evil.test")
                        .refused(403, "origin_not_allowed")));
    }

    static Stream<Named<Row>> writeKeysInTheBody() {
        return Stream.of(
                row("body key exact", track(",\"writeKey\":\"" + SHOP_KEY + "\"").accepted("shop")),
                row("body key upper-cased", track(",\"writeKey\":\"WK_SHOP_TEST\"").refused(401, "unknown_write_key")),
                row("body key with surrounding spaces", track(",\"writeKey\":\" " + SHOP_KEY + " \"").refused(401, "unknown_write_key")),
                row("body key percent-encoded", track(",\"writeKey\":\"wk%5Fshop%5Ftest\"").refused(401, "unknown_write_key")),
                row("body key empty, from the site's origin", track(",\"writeKey\":\"\"").origin(SHOP_ORIGIN)
                        .refused(401, "unknown_write_key")),
                row("body key a number, from the site's origin", track(",\"writeKey\":123").origin(SHOP_ORIGIN)
                        .refused(401, "unknown_write_key")),
                row("body key an object, from the site's origin", track(",\"writeKey\":{\"key\":\"" + SHOP_KEY + "\"}")
                        .origin(SHOP_ORIGIN).refused(401, "unknown_write_key")),
                row("body key null: absent, the origin decides", track(",\"writeKey\":null").origin(SHOP_ORIGIN).accepted("shop")),
                row("header and body keys agree", track(",\"writeKey\":\"" + SHOP_KEY + "\"").key(SHOP_KEY).accepted("shop")),
                row("header and body keys disagree", track(",\"writeKey\":\"" + BLOG_KEY + "\"").key(SHOP_KEY)
                        .refused(401, "conflicting_write_keys")),
                row("header and body keys differ in case only", track(",\"writeKey\":\"WK_SHOP_TEST\"").key(SHOP_KEY)
                        .refused(401, "conflicting_write_keys")),
                row("another site's body key from this site's origin", track(",\"writeKey\":\"" + BLOG_KEY + "\"")
                        .origin(SHOP_ORIGIN).refused(403, "origin_not_allowed")),
                row("a message naming another site's id", track(",\"siteId\":\"blog\"").key(SHOP_KEY).accepted("shop")),
                row("a message naming another site's id in properties and context",
                        track(",\"properties\":{\"siteId\":\"blog\"},\"context\":{\"siteId\":\"blog\"}").key(SHOP_KEY).accepted("shop")));
    }

    /** RudderStack's browser SDK sends beacons to /beacon/v1/batch?writeKey=...: sendBeacon cannot set headers. */
    static Stream<Named<Row>> writeKeysInTheQuery() {
        Row beacon = post("/beacon/v1/batch?writeKey=" + SHOP_KEY, "{\"batch\":[{\"type\":\"track\",\"event\":\"{M}\",\"anonymousId\":\"a\"}]}");
        return Stream.of(
                row("beacon with the key in the query, from the site's origin", beacon.origin(SHOP_ORIGIN).accepted("shop")),
                row("query key on a Segment route", post("/v1/track?writeKey=" + BLOG_KEY, "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .accepted("blog")),
                row("query key in the query's own percent-encoding", post("/v1/track?writeKey=wk%5Fshop%5Ftest",
                        "{\"event\":\"{M}\",\"userId\":\"u\"}").accepted("shop")),
                row("query key upper-cased", post("/v1/track?writeKey=WK_SHOP_TEST", "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .refused(401, "unknown_write_key")),
                row("query key with a trailing space", post("/v1/track?writeKey=" + SHOP_KEY + "%20", "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .refused(401, "unknown_write_key")),
                row("query key empty, from the site's origin", post("/beacon/v1/batch?writeKey=",
                        "{\"batch\":[{\"type\":\"track\",\"event\":\"{M}\",\"anonymousId\":\"a\"}]}").origin(SHOP_ORIGIN)
                        .refused(401, "unknown_write_key")),
                row("query parameter named writekey (names are case-sensitive): no key, no origin",
                        post("/v1/track?writekey=" + SHOP_KEY, "{\"event\":\"{M}\",\"userId\":\"u\"}").refused(401, "missing_write_key")),
                row("two writeKey parameters, both shop's", post("/v1/track?writeKey=" + SHOP_KEY + "&writeKey=" + SHOP_KEY,
                        "{\"event\":\"{M}\",\"userId\":\"u\"}").refused(401, "invalid_authorization")),
                row("two writeKey parameters, shop's and blog's", post("/v1/track?writeKey=" + SHOP_KEY + "&writeKey=" + BLOG_KEY,
                        "{\"event\":\"{M}\",\"userId\":\"u\"}").refused(401, "invalid_authorization")),
                row("query key not valid percent-encoded UTF-8", post("/v1/track?writeKey=wk%C3", "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .refused(401, "invalid_authorization")),
                row("query and header keys agree", post("/v1/track?writeKey=" + SHOP_KEY, "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .key(SHOP_KEY).accepted("shop")),
                row("query and header keys disagree", post("/v1/track?writeKey=" + BLOG_KEY, "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .key(SHOP_KEY).refused(401, "conflicting_write_keys")),
                row("query and body keys disagree", post("/v1/track?writeKey=" + BLOG_KEY,
                        "{\"event\":\"{M}\",\"userId\":\"u\",\"writeKey\":\"" + SHOP_KEY + "\"}").refused(401, "conflicting_write_keys")),
                row("query key of another site from this site's origin", post("/beacon/v1/batch?writeKey=" + BLOG_KEY,
                        "{\"batch\":[{\"type\":\"track\",\"event\":\"{M}\",\"anonymousId\":\"a\"}]}").origin(SHOP_ORIGIN)
                        .refused(403, "origin_not_allowed")),
                row("query key from an origin no site allows", beacon.origin("https://evil.test").refused(403, "origin_not_allowed")),
                row("query key of a server-only site from a browser origin", post("/beacon/v1/batch?writeKey=" + SERVER_KEY,
                        "{\"batch\":[{\"type\":\"track\",\"event\":\"{M}\",\"anonymousId\":\"a\"}]}").origin(SHOP_ORIGIN)
                        .refused(403, "origin_not_allowed")));
    }

    static Stream<Named<Row>> batches() {
        String blogKey = ",\"writeKey\":\"" + BLOG_KEY + "\"";
        return Stream.of(
                row("batch for shop, every message shop's key", batch("", ",\"writeKey\":\"" + SHOP_KEY + "\"", "").key(SHOP_KEY)
                        .accepted("shop")),
                row("batch for shop, one message with blog's key", batch("", "", blogKey).key(SHOP_KEY)
                        .refused(401, "conflicting_write_keys")),
                row("batch with shop's top-level key, one message with blog's key", batch(",\"writeKey\":\"" + SHOP_KEY + "\"", "", blogKey)
                        .refused(401, "conflicting_write_keys")),
                row("batch for shop, one message with an empty key", batch("", "", ",\"writeKey\":\"\"").key(SHOP_KEY)
                        .refused(401, "conflicting_write_keys")),
                row("keyless batch from shop's origin, one message with blog's key", batch("", "", blogKey).origin(SHOP_ORIGIN)
                        .refused(403, "origin_not_allowed")),
                row("batch for shop whose messages name blog's site id", batch("", ",\"siteId\":\"blog\"", ",\"siteId\":\"blog\"")
                        .key(SHOP_KEY).accepted("shop")),
                row("batch with a top-level siteId of blog", batch(",\"siteId\":\"blog\"", "", "").key(SHOP_KEY).accepted("shop")),
                row("keyless batch from blog's origin", batch("", "", "").origin(BLOG_ORIGIN).accepted("blog")));
    }

    static Stream<Named<Row>> origins() {
        return Stream.of(
                row("allowed origin, no key", simpleEvent().origin(SHOP_ORIGIN).accepted("shop")),
                row("origin upper-cased (scheme and host are case-insensitive)", simpleEvent().origin("HTTP://SHOP.TEST").accepted("shop")),
                row("origin with a trailing slash", simpleEvent().origin(SHOP_ORIGIN + "/").refused(403, "origin_not_allowed")),
                row("origin with a path", simpleEvent().origin(SHOP_ORIGIN + "/checkout").refused(403, "origin_not_allowed")),
                row("origin with another port", simpleEvent().origin(SHOP_ORIGIN + ":8080").refused(403, "origin_not_allowed")),
                row("origin with the default port spelled out", simpleEvent().origin(SHOP_ORIGIN + ":80").refused(403, "origin_not_allowed")),
                row("https instead of http", simpleEvent().origin("https://shop.test").refused(403, "origin_not_allowed")),
                row("http instead of https", simpleEvent().origin("http://blog.test").refused(403, "origin_not_allowed")),
                row("'null' origin (sandboxed frame, file:)", simpleEvent().origin("null").refused(403, "origin_not_allowed")),
                row("empty origin", simpleEvent().origin("").refused(403, "origin_not_allowed")),
                row("suffix attack", simpleEvent().origin("http://shop.test.evil.test").refused(403, "origin_not_allowed")),
                row("prefix attack", simpleEvent().origin("http://evilshop.test").refused(403, "origin_not_allowed")),
                row("subdomain", simpleEvent().origin("http://www.shop.test").refused(403, "origin_not_allowed")),
                row("userinfo before the allowed host", simpleEvent().origin("http://user@shop.test").refused(403, "origin_not_allowed")),
                row("allowed host as userinfo of another", simpleEvent().origin("http://shop.test@evil.test").refused(403, "origin_not_allowed")),
                row("two origins in one header", simpleEvent().origin(SHOP_ORIGIN + ", https://evil.test").refused(403, "origin_not_allowed")),
                row("two Origin headers, the allowed one second", simpleEvent().origin("https://evil.test").origin(SHOP_ORIGIN)
                        .refused(403, "origin_not_allowed")),
                row("two Origin headers, the allowed one first", simpleEvent().origin(SHOP_ORIGIN).origin("https://evil.test")
                        .refused(403, "origin_not_allowed")),
                row("no key and no origin", simpleEvent().refused(401, "missing_write_key")),
                row("no key and no origin on a Segment route", track().refused(401, "missing_write_key")));
    }

    static Stream<Named<Row>> routes() {
        return Stream.of(
                row("/v1/track without a key from shop's origin", track().origin(SHOP_ORIGIN).accepted("shop")),
                row("/v1/page with blog's key from shop's origin", post("/v1/page", "{\"name\":\"{M}\",\"userId\":\"u\"}")
                        .key(BLOG_KEY).origin(SHOP_ORIGIN).refused(403, "origin_not_allowed")),
                row("/api/events with shop's key, no origin", simpleEvent().key(SHOP_KEY).accepted("shop")),
                row("/api/events with blog's key from shop's origin", simpleEvent().key(BLOG_KEY).origin(SHOP_ORIGIN)
                        .refused(403, "origin_not_allowed")),
                row("/api/events with blog's body key, no origin", post("/api/events", "{\"name\":\"{M}\",\"writeKey\":\"" + BLOG_KEY + "\"}")
                        .accepted("blog")),
                row("/v1/track/ with a trailing slash and a wrong-case key", post("/v1/track/", "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .key("WK_SHOP_TEST").refused(401, "unknown_write_key")),
                row("/v1/import with blog's key", post("/v1/import", "{\"batch\":[{\"type\":\"track\",\"event\":\"{M}\",\"userId\":\"u\"}]}")
                        .key(BLOG_KEY).accepted("blog")),
                row("/v1/t (analytics-next) with blog's key from shop's origin", post("/v1/t", "{\"event\":\"{M}\",\"userId\":\"u\"}")
                        .key(BLOG_KEY).origin(SHOP_ORIGIN).refused(403, "origin_not_allowed")),
                row("/v1/b (analytics-next batching) with shop's body key from shop's origin",
                        post("/v1/b", "{\"batch\":[{\"type\":\"track\",\"event\":\"{M}\",\"userId\":\"u\",\"writeKey\":\"" + SHOP_KEY
                                + "\"}],\"writeKey\":\"" + SHOP_KEY + "\"}").key(SHOP_KEY).origin(SHOP_ORIGIN).accepted("shop")),
                row("/beacon/v1/batch without any key from an origin no site allows",
                        post("/beacon/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"{M}\",\"anonymousId\":\"a\"}]}")
                                .origin("https://evil.test").refused(403, "origin_not_allowed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"writeKeysInTheHeader", "writeKeysInTheBody", "writeKeysInTheQuery", "batches", "origins", "routes"})
    void shouldAttributeEventsOnlyToTheSiteThatAuthenticatedThem(Row row) {
        String marker = "bypass-" + MARKERS.incrementAndGet();
        long before = GW.recordCount();

        HttpResponse<String> response = GW.post(row.path(), row.body().replace("{M}", marker), row.headers().toArray(String[]::new));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(row.status());
        JsonNode answer = json(response);
        if (row.reason() == null) {
            assertThat(answer.path("success").asBoolean()).isTrue();
            assertThat(answer.has("rejected")).as("no event rejected: " + response.body()).isFalse();
        } else {
            assertThat(answer.path("success").asBoolean(true)).isFalse();
            assertThat(answer.path("reason").asText()).isEqualTo(row.reason());
            assertThat(answer.path("message").asText()).isNotBlank();
        }
        assertThat(GW.recordCount() - before).as("records stored").isEqualTo(row.stored());
        if (row.stored() > 0) {
            List<ConsumerRecord<String, String>> all = GW.records(records -> marked(records, marker).size() == row.stored());
            assertThat(marked(all, marker)).allSatisfy(record -> {
                assertThat(record.path("siteId").asText()).isEqualTo(row.site());
                assertThat(record.has("writeKey")).as("write keys are not stored").isFalse();
            });
            assertThat(all).allSatisfy(record -> assertThat(record.key()).doesNotContain(SHOP_KEY, BLOG_KEY));
        }
    }

    private static List<JsonNode> marked(List<ConsumerRecord<String, String>> records, String marker) {
        return records.stream().map(r -> json(r.value()))
                .filter(node -> marker.equals(node.path("event").asText()) || marker.equals(node.path("name").asText()))
                .toList();
    }
}
