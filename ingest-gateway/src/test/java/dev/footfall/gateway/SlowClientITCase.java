package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.testkit.KafkaExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops sending its body is answered 408 and its connection closed. */
class SlowClientITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void shouldAnswer408WhenTheBodyStopsComing() throws IOException {
        try (TestGateway gw = TestGateway.start(KAFKA.client(), "slow", config -> config.with("http.idle.timeout.ms", "1000"));
                Socket socket = new Socket("127.0.0.1", gw.gateway.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + basic(SHOP_KEY) + "\r\nContent-Length: 100\r\n\r\n{\"event\":\"E\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String response = readAll(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 408 ");
            assertThat(response).contains("\"reason\":\"request_timeout\"");
            assertThat(gw.recordCount()).isZero();
        }
    }

    /** Reads until the server closes the connection. */
    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
