package dev.footfall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The gateway's Segment HTTP Tracking API as a server SDK calls it: a batch posted to
 * {@code /v1/batch}, HTTP Basic with the write key as the user and no password.
 */
public final class SegmentBatches {

    private SegmentBatches() {
    }

    /** Posts {@code batchJson} ({@code {"batch": [...]}}) and asserts the gateway acknowledged it. */
    public static void send(HttpClient http, String gatewayUrl, String writeKey, String batchJson)
            throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/batch"))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batchJson)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
