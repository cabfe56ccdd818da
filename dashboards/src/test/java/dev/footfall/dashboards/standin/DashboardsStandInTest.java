package dev.footfall.dashboards.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stand-in is only worth testing against if it is as strict as the real route: each wrong
 * request gets the status and message OpenSearch Dashboards 2.19 gives it.
 */
class DashboardsStandInTest {

    private static final String MULTIPART = "multipart/form-data; boundary=B";
    private static final String OBJECT = "{\"type\":\"index-pattern\",\"id\":\"p\",\"attributes\":{\"title\":\"p-*\"},\"references\":[]}";
    private final HttpClient http = HttpClient.newHttpClient();

    @AutoClose
    private final DashboardsStandIn osd = new DashboardsStandIn();

    private HttpResponse<String> post(String pathAndQuery, String contentType, String body, boolean xsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(osd.url() + pathAndQuery))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (xsrf) {
            b.header("osd-xsrf", "true");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String multipart(String field, String fileName, String content) {
        return "--B\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n" + content + "\r\n--B--\r\n";
    }

    @Test
    void aCorrectRequestImports() throws Exception {
        HttpResponse<String> r = post("/api/saved_objects/_import?overwrite=true", MULTIPART,
                multipart("file", "x.ndjson", OBJECT), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"success\":true", "\"successCount\":1");
        assertThat(osd.stored()).containsKey("index-pattern:p");
    }

    /** Wrong import requests, each with the message OpenSearch Dashboards 2.19 gives it along with a 400. */
    static Stream<Arguments> wrongRequests() {
        return Stream.of(
                Arguments.of("without the osd-xsrf header", "", "file", "x.ndjson", false,
                        "Request must contain a osd-xsrf header."),
                Arguments.of("a field not named file", "", "upload", "x.ndjson", true,
                        "[request body.file]: expected value of type [Stream] but got [undefined]"),
                Arguments.of("a file not ending in .ndjson", "", "file", "x.json", true,
                        "Invalid file extension .json"),
                Arguments.of("overwrite with createNewCopies", "?overwrite=true&createNewCopies=true", "file", "x.ndjson", true,
                        "cannot use [overwrite] with [createNewCopies]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongRequests")
    void aWrongImportRequestIs400(String what, String query, String field, String fileName, boolean xsrf, String message)
            throws Exception {
        HttpResponse<String> r = post("/api/saved_objects/_import" + query, MULTIPART, multipart(field, fileName, OBJECT), xsrf);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains(message);
    }

    @Test
    void aJsonBodyIs415() throws Exception {
        assertThat(post("/api/saved_objects/_import", "application/json", OBJECT, true).statusCode()).isEqualTo(415);
    }

    @Test
    void anotherPathIs404() throws Exception {
        assertThat(post("/api/saved_objects/import", MULTIPART, multipart("file", "x.ndjson", OBJECT), true)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void withoutOverwriteASecondImportConflictsAndWritesNothing() throws Exception {
        String two = OBJECT + "\n" + OBJECT.replace("\"id\":\"p\"", "\"id\":\"q\"");
        post("/api/saved_objects/_import", MULTIPART, multipart("file", "x.ndjson", OBJECT), true);
        HttpResponse<String> r = post("/api/saved_objects/_import", MULTIPART, multipart("file", "x.ndjson", two), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"success\":false", "\"successCount\":1", "\"type\":\"conflict\"");
        assertThat(osd.stored()).doesNotContainKey("index-pattern:q");
    }
}
