package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.gateway.security.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input matrix: each bad request gets its exact status and stable reason code in
 * the gateway's JSON error shape, and nothing reaches Kafka. The gateway's topic must stay empty
 * through the whole class.
 */
class MalformedInputITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("malformed");

    @AfterEach
    void nothingReachedKafka() {
        assertThat(GW.recordCount()).as("records in the gateway's topic").isZero();
    }

    private static Arguments bad(String description, String path, String contentType, byte[] body, int status, String reason) {
        return Arguments.of(description, path, contentType, body, status, reason);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    static Stream<Arguments> matrix() {
        String json = "application/json";
        byte[] invalidUtf8 = {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ',',
            '"', 'u', 's', 'e', 'r', 'I', 'd', '"', ':', '"', 'u', '"', '}'};
        return Stream.of(
                bad("truncated JSON", "/v1/track", json, utf8("{\"event\":\"E\",\"userId\":\"u\""), 400, "malformed_json"),
                bad("trailing garbage", "/v1/track", json, utf8("{\"event\":\"E\",\"userId\":\"u\"} x"), 400, "malformed_json"),
                bad("NaN", "/v1/track", json, utf8("{\"event\":\"E\",\"userId\":\"u\",\"properties\":{\"n\":NaN}}"), 400, "malformed_json"),
                bad("single quotes", "/api/events", json, utf8("{'name':'E'}"), 400, "malformed_json"),
                bad("properties not an object", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"properties\":\"plan=pro\"}"), 400, "wrong_type"),
                bad("context.page not an object", "/v1/page", json,
                        utf8("{\"userId\":\"u\",\"context\":{\"page\":\"/home\"}}"), 400, "wrong_type"),
                bad("name not a string", "/api/events", json, utf8("{\"name\":{\"x\":1}}"), 400, "wrong_type"),
                bad("invalid UTF-8", "/v1/track", json, invalidUtf8, 400, "invalid_utf8"),
                bad("UTF-16 without a byte-order mark", "/v1/track", json,
                        "{\"event\":\"E\",\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_16LE),
                        400, "invalid_utf8"),
                bad("lone surrogate escape in messageId", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"messageId\":\"\\ud800\"}"), 400, "invalid_unicode"),
                bad("lone surrogate escape in a batch's property", "/v1/batch", json,
                        utf8("{\"batch\":[{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\","
                                + "\"properties\":{\"t\":\"x\\udc00\"}}]}"), 400, "invalid_unicode"),
                bad("parser-deep nesting", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"properties\":" + nested(100) + "}"), 400, "nesting_too_deep"),
                bad("rule-deep nesting", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"properties\":" + nested(7) + "}"), 400, "nesting_too_deep"),
                bad("empty body", "/v1/track", json, new byte[0], 400, "empty_body"),
                bad("blank body", "/api/events", json, utf8(" \n "), 400, "empty_body"),
                bad("duplicate key", "/v1/track", json, utf8("{\"event\":\"A\",\"event\":\"B\",\"userId\":\"u\"}"), 400, "duplicate_key"),
                bad("an array", "/v1/track", json, utf8("[{\"event\":\"E\"}]"), 400, "not_an_object"),
                bad("a string", "/api/events", json, utf8("\"Signed Up\""), 400, "not_an_object"),
                bad("batch missing", "/v1/batch", json, utf8("{\"events\":[]}"), 400, "missing_batch"),
                bad("batch not an array", "/v1/batch", json, utf8("{\"batch\":{\"type\":\"track\"}}"), 400, "missing_batch"),
                bad("batch empty", "/v1/batch", json, utf8("{\"batch\":[]}"), 400, "empty_batch"),
                bad("batch element untyped", "/v1/batch", json, utf8("{\"batch\":[{\"event\":\"E\",\"userId\":\"u\"}]}"), 400, "missing_type"),
                bad("batch element of unknown type", "/v1/batch", json,
                        utf8("{\"batch\":[{\"type\":\"click\",\"userId\":\"u\"}]}"), 400, "unknown_type"),
                bad("track without a name", "/v1/track", json, utf8("{\"userId\":\"u\"}"), 400, "missing_event_name"),
                bad("simple event without a name", "/api/events", json, utf8("{\"data\":{}}"), 400, "missing_event_name"),
                bad("name with a control character", "/v1/track", json, utf8("{\"event\":\"a\\u0007b\",\"userId\":\"u\"}"), 400, "invalid_event_name"),
                bad("user id over 100 characters", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"" + "u".repeat(101) + "\"}"), 400, "invalid_id"),
                bad("alias without previousId", "/v1/alias", json, utf8("{\"userId\":\"u\"}"), 400, "missing_previous_id"),
                bad("group without groupId", "/v1/group", json, utf8("{\"userId\":\"u\"}"), 400, "missing_group_id"),
                bad("number out of range", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"properties\":{\"n\":1e999999}}"), 400, "invalid_number"),
                bad("number too long", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"properties\":{\"n\":" + "9".repeat(200) + "}}"), 400, "invalid_number"),
                bad("timestamp without offset", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"timestamp\":\"2026-01-01 10:00\"}"), 400, "invalid_timestamp"),
                bad("event over 32 KB", "/v1/track", json,
                        utf8("{\"event\":\"E\",\"userId\":\"u\",\"properties\":{\"pad\":\"" + "x".repeat(40_000) + "\"}}"), 400, "event_too_large"),
                bad("form content type", "/v1/track", "application/x-www-form-urlencoded", utf8("event=E&userId=u"), 415, "unsupported_media_type"),
                bad("multipart content type", "/api/events", "multipart/form-data; boundary=x", utf8("--x--"), 415, "unsupported_media_type"),
                bad("XML", "/v1/track", "application/xml", utf8("<event/>"), 415, "unsupported_media_type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void shouldRefuseWithExactStatusAndReasonCode(String description, String path, String contentType, byte[] body,
            int status, String reason) {
        HttpResponse<String> response = GW.postBytes(path, body, "Content-Type", contentType, "Authorization", basic(SHOP_KEY));

        assertThat(response.statusCode()).as(description + ": " + response.body()).isEqualTo(status);
        assertErrorShape(response, reason);
    }

    /**
     * A body declared over the 500 KB request limit is refused from its head, before a byte of it
     * is read. Over a raw socket that sends the head only: the JDK client would keep uploading
     * the 600 KB while the gateway answers and closes, and then, depending on timing, sees a reset
     * instead of the answer (a transport race, not the gateway's answer).
     */
    @Test
    void shouldRefuseABodyDeclaredOverTheRequestLimitBeforeReadingIt() throws Exception {
        String head = "POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: " + basic(SHOP_KEY) + "\r\nContent-Length: 600037\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(GW.url("/")).getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            RawHttp.Response response = RawHttp.readOne(socket.getInputStream());

            assertThat(response.status()).as(response.body()).isEqualTo(413);
            assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.json().path("success").asBoolean(true)).isFalse();
            assertThat(response.json().path("reason").asText()).isEqualTo("batch_too_large");
            assertThat(response.json().path("message").asText()).contains("512000 bytes");
        }
    }

    @Test
    void shouldNameTheFieldWithTheWrongType() {
        HttpResponse<String> response = GW.post("/v1/page", "{\"userId\":\"u\",\"context\":{\"page\":{\"url\":{}}}}",
                "Authorization", basic(SHOP_KEY));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).contains("context.page.url");
    }

    @Test
    void shouldStopReadingAChunkedBodyOnceItPassesTheLimit() {
        byte[] body = utf8("{\"batch\":[\"" + "x".repeat(2_000_000) + "\"]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(GW.url("/v1/batch")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", basic(SHOP_KEY))
                // No length up front: the JDK client sends it chunked, so the limit bites mid-stream.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = GW.send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertErrorShape(response, "batch_too_large");
    }

    @Test
    void shouldRefuseAGzipBombWithoutInflatingItAll() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros); // 64 MB of zeros
            }
        }
        assertThat(compressed.size()).isLessThan(100_000);

        HttpResponse<String> response = GW.postBytes("/v1/batch", compressed.toByteArray(), "Content-Type",
                "application/json", "Content-Encoding", "gzip", "Authorization", basic(SHOP_KEY));

        assertThat(response.statusCode()).isEqualTo(413);
        assertErrorShape(response, "batch_too_large");
    }

    @Test
    void shouldRefuseCorruptGzipAndUnknownEncodings() {
        HttpResponse<String> corrupt = GW.postBytes("/v1/batch", utf8("not gzip at all"), "Content-Type",
                "application/json", "Content-Encoding", "gzip", "Authorization", basic(SHOP_KEY));
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertErrorShape(corrupt, "invalid_compressed_body");

        HttpResponse<String> brotli = GW.postBytes("/v1/batch", utf8("{}"), "Content-Type", "application/json",
                "Content-Encoding", "br", "Authorization", basic(SHOP_KEY));
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertErrorShape(brotli, "unsupported_content_encoding");
    }

    private static void assertErrorShape(HttpResponse<String> response, String reason) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode error = json(response);
        assertThat(error.path("success").isBoolean()).isTrue();
        assertThat(error.path("success").asBoolean()).isFalse();
        assertThat(error.path("reason").asText()).isEqualTo(reason);
        assertThat(error.path("message").asText()).isNotBlank();
    }
}
