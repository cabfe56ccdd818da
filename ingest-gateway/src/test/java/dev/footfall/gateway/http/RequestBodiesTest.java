package dev.footfall.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void shouldInflateUpToTheLimitInclusive() throws IOException {
        byte[] body = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] zipped = gzip(body);

        RequestBodies.Inflated exact = RequestBodies.gunzip(zipped, zipped.length, 1000);
        assertThat(exact.tooLarge()).isFalse();
        assertThat(new String(exact.bytes(), 0, exact.length(), StandardCharsets.UTF_8)).isEqualTo("x".repeat(1000));

        assertThat(RequestBodies.gunzip(zipped, zipped.length, 999).tooLarge()).isTrue();
    }

    @Test
    void shouldReportTruncatedAndCorruptData() throws IOException {
        byte[] zipped = gzip("{\"batch\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(RequestBodies.gunzip(zipped, zipped.length - 5, 1000).error()).isNotNull();
        assertThat(RequestBodies.gunzip("plain".getBytes(StandardCharsets.UTF_8), 5, 1000).error()).contains("gzip");
    }
}
