package dev.footfall.local.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, from a chosen local address: the JDK client cannot pick its
 * source address, and the gateway must see many different peers. Any 127.x.y.z is this machine
 * on Linux, so each test client can be a different IPv4 peer.
 */
final class RawHttp {

    /** The status and body of an answer. */
    record Answer(int status, String body) {
    }

    private RawHttp() {
    }

    /**
     * Sends one request and reads the answer to the end (the request asks the server to close).
     *
     * @param from the local address to send from, or null for the system's choice
     */
    static Answer post(InetAddress from, InetSocketAddress server, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(server, 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader(server)).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static String hostHeader(InetSocketAddress server) {
        String host = server.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    private static Answer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("not an HTTP answer: " + text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        String body = text.substring(headEnd + 4);
        if (head.contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim().split(";")[0], 16);
            if (size == 0) {
                return out.toString();
            }
            // sizes count bytes; the bodies here are ASCII JSON, so bytes and chars agree
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
