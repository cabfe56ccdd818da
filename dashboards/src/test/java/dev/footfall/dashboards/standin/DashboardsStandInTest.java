package dev.footfall.dashboards.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in is only worth testing against if it is as strict as the real route: each wrong
 * request gets the status and message OpenSearch Dashboards 2.19 gives it.
 */
class DashboardsStandInTest {

    private static final String OBJECT = "{\"type\":\"index-pattern\",\"id\":\"p\",\"attributes\":{\"title\":\"p-*\"},\"references\":[]}";
    private final HttpClient http = HttpClient.newHttpClient();
    private DashboardsStandIn osd;

    @BeforeEach
    void start() throws Exception {
        osd = new DashboardsStandIn();
    }

    @AfterEach
    void stop() {
        osd.close();
    }

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
        HttpResponse<String> r = post("/api/saved_objects/_import?overwrite=true", "multipart/form-data; boundary=B",
                multipart("file", "x.ndjson", OBJECT), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"success\":true", "\"successCount\":1");
        assertThat(osd.stored()).containsKey("index-pattern:p");
    }

    @Test
    void withoutTheXsrfHeaderItIs400() throws Exception {
        HttpResponse<String> r = post("/api/saved_objects/_import", "multipart/form-data; boundary=B", multipart("file", "x.ndjson", OBJECT), false);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Request must contain a osd-xsrf header.");
    }

    @Test
    void aJsonBodyIs415() throws Exception {
        assertThat(post("/api/saved_objects/_import", "application/json", OBJECT, true).statusCode()).isEqualTo(415);
    }

    @Test
    void aFieldNotNamedFileIs400() throws Exception {
        HttpResponse<String> r = post("/api/saved_objects/_import", "multipart/form-data; boundary=B", multipart("upload", "x.ndjson", OBJECT), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("[request body.file]: expected value of type [Stream] but got [undefined]");
    }

    @Test
    void aFileNotEndingInNdjsonIs400() throws Exception {
        HttpResponse<String> r = post("/api/saved_objects/_import", "multipart/form-data; boundary=B", multipart("file", "x.json", OBJECT), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Invalid file extension .json");
    }

    @Test
    void overwriteWithCreateNewCopiesIs400() throws Exception {
        HttpResponse<String> r = post("/api/saved_objects/_import?overwrite=true&createNewCopies=true", "multipart/form-data; boundary=B",
                multipart("file", "x.ndjson", OBJECT), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("cannot use [overwrite] with [createNewCopies]");
    }

    @Test
    void anotherPathIs404() throws Exception {
        assertThat(post("/api/saved_objects/import", "multipart/form-data; boundary=B", multipart("file", "x.ndjson", OBJECT), true)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void withoutOverwriteASecondImportConflictsAndWritesNothing() throws Exception {
        String two = OBJECT + "\n" + OBJECT.replace("\"id\":\"p\"", "\"id\":\"q\"");
        post("/api/saved_objects/_import", "multipart/form-data; boundary=B", multipart("file", "x.ndjson", OBJECT), true);
        HttpResponse<String> r = post("/api/saved_objects/_import", "multipart/form-data; boundary=B", multipart("file", "x.ndjson", two), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"success\":false", "\"successCount\":1", "\"type\":\"conflict\"");
        assertThat(osd.stored()).doesNotContainKey("index-pattern:q");
    }
}
