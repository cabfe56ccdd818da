package dev.footfall.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.gateway.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK client would refuse or normalise (two
 * Content-Lengths, folded headers, bare LF, a request hidden after another). Sends bytes exactly
 * as given and reads every response until the server closes the connection.
 */
public final class RawHttp {

    /** One parsed response; header names in lower case, the last value of a repeated header wins. */
    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            return TestGateway.json(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * What came back on one connection.
     *
     * @param closedByServer whether the server closed the connection (end of stream or reset)
     *     before the read deadline
     * @param reset whether the connection ended with a reset rather than an orderly close
     */
    public record Exchange(List<Response> responses, boolean closedByServer, boolean reset, String raw) {
        public Response only() {
            if (responses.size() != 1) {
                throw new AssertionError("expected one response, got " + responses.size() + ": " + raw);
            }
            return responses.get(0);
        }

        public List<Integer> statuses() {
            return responses.stream().map(Response::status).toList();
        }
    }

    private RawHttp() {
    }

    /**
     * Sends the request bytes, then reads until the server closes the connection or
     * {@code readTimeoutMillis} pass without a byte.
     *
     * @param halfClose whether to close the sending side after the request: the server then
     *     sees the end of the stream, answers what it parsed and closes without waiting for its
     *     idle timeout
     */
    public static Exchange exchange(int port, byte[] request, boolean halfClose, int readTimeoutMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (SocketException serverClosedFirst) {
                // The server refused early and closed while we still sent: read what it answered.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Exchange exchange(int port, String request, boolean halfClose) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), halfClose, 30_000);
    }

    /** Reads until end of stream, a reset, or the socket's read timeout. */
    public static Exchange read(InputStream in) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        boolean reset = false;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException stillOpen) {
            closed = false;
        } catch (SocketException connectionReset) {
            closed = true;
            reset = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String raw = received.toString(StandardCharsets.ISO_8859_1);
        return new Exchange(parse(raw), closed, reset, raw);
    }

    /**
     * Reads exactly one response with a Content-Length body from a connection that stays open
     * (keep-alive); fails if the connection ends first.
     */
    public static Response readOne(InputStream in) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection ended before a complete response head: "
                            + head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int at = text.toLowerCase(Locale.ROOT).indexOf("content-length:");
            int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
            byte[] body = in.readNBytes(length);
            return parse(text + new String(body, StandardCharsets.ISO_8859_1)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a byte stream into responses (Content-Length or chunked bodies). */
    static List<Response> parse(String raw) {
        List<Response> out = new ArrayList<>();
        int at = 0;
        while (at < raw.length()) {
            int headEnd = raw.indexOf("\r\n\r\n", at);
            if (headEnd < 0 || !raw.startsWith("HTTP/1.", at)) {
                throw new AssertionError("not an HTTP response at offset " + at + ": " + raw);
            }
            String[] lines = raw.substring(at, headEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            at = headEnd + 4;
            String body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                StringBuilder chunks = new StringBuilder();
                while (true) {
                    int lineEnd = raw.indexOf("\r\n", at);
                    int size = Integer.parseInt(raw.substring(at, lineEnd).split(";")[0].trim(), 16);
                    at = lineEnd + 2;
                    if (size == 0) {
                        at = raw.indexOf("\r\n", at) + 2; // no trailers from this server
                        break;
                    }
                    chunks.append(raw, at, at + size);
                    at += size + 2;
                }
                body = chunks.toString();
            } else {
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                body = raw.substring(at, Math.min(raw.length(), at + length));
                at += length;
            }
            out.add(new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
        }
        return out;
    }
}
