package dev.footfall.gateway.fuzz;

import dev.footfall.testkit.fuzz.FuzzBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Whole HTTP/1.1 requests for fuzzing, as bytes: odd methods on every route, odd paths, odd
 * headers (content types, charsets, encodings, authorization, origins, forwarded-for), bodies
 * from {@link FuzzBodies}, framed by Content-Length, chunked, or with a Content-Length that does
 * not match the body. Request {@code i} of seed {@code s} is always the same, so a failure names
 * the one input that reproduces it.
 */
final class FuzzRequests {

    /** How the body is framed; the mismatching framings end the connection after the answer. */
    enum Framing { CONTENT_LENGTH, CHUNKED, NONE, LENGTH_TOO_SHORT, LENGTH_TOO_LONG }

    /** One request: its bytes, and what the test needs to read the answer. */
    record FuzzRequest(long index, String method, String path, Framing framing, byte[] bytes) {
        boolean isHead() {
            return method.equals("HEAD");
        }

        /** Whether the connection cannot carry another request after this one. */
        boolean endsConnection() {
            return framing == Framing.LENGTH_TOO_SHORT || framing == Framing.LENGTH_TOO_LONG;
        }

        String describe() {
            String text = new String(bytes, 0, Math.min(bytes.length, 600), StandardCharsets.ISO_8859_1);
            return "input #" + index + " (" + method + " " + path + ", " + framing + ", " + bytes.length + " bytes):\n"
                    + text.replace("\r", "\\r");
        }
    }

    static final String[] INGEST_PATHS = {"/v1/track", "/v1/page", "/v1/screen", "/v1/identify", "/v1/group",
            "/v1/alias", "/v1/batch", "/v1/import", "/api/events"};
    private static final String[] OTHER_PATHS = {"/health", "/health/sink", "/metrics", "/footfall.js", "/",
            "/nope", "/v1", "/v1/", "/api", "/v1/track/extra", "/V1/TRACK", "//v1/track", "/v1/./track",
            "/v1/../v1/track", "/%2e%2e/etc/passwd", "/v1/track%00", "/v1/track;x=1", "/v1/%74rack", "/api/events?x=1&y",
            "/v1/track?" + "q".repeat(100), "/v1/batch#frag", "/\u00e9", "/v1/track%"};
    private static final String[] METHODS = {"POST", "POST", "POST", "POST", "POST", "POST", "GET", "HEAD", "PUT",
            "DELETE", "OPTIONS", "PATCH", "TRACE", "post", "FOO", "PROPFIND", "CONNECT"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
            "text/plain", "text/plain;charset=UTF-8", "APPLICATION/JSON", "application/json; charset=utf-16",
            "application/json; charset=iso-8859-1", "application/json; charset=\"bogus\"", "application/json;;;",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/xml", "*/*", "", ";",
            "application/json, text/plain", "application/jsonx", "json", "application/json; boundary=" + "b".repeat(500)};
    private static final String[] ENCODINGS = {"gzip", "GZIP", "identity", "deflate", "br", "gzip, gzip", "x-gzip",
            "", "gzip;q=1", "compress"};
    private static final String[] ORIGINS = {"http://shop.test", "https://blog.test", "http://evil.test", "null", "",
            "http://shop.test/", "http://shop.test:8080", "https://shop.test", "http://SHOP.TEST", "shop.test",
            "http://shop.test.evil.test", "http://shop.test\u0000", "file://", "http://[::1"};
    private static final String[] USER_AGENTS = {"Mozilla/5.0", "", "curl/8", "x".repeat(2000), "\u00ff\u00fe",
            "Googlebot/2.1"};
    private static final String[] FORWARDED = {"203.0.113.9", "not-an-ip", "", "1.1.1.1, 2.2.2.2, 3.3.3.3",
            "::1", "[2001:db8::1]:443", "999.999.999.999", "203.0.113.9:1234", "unknown, ,,", "2001:db8::/32"};

    private final SplittableRandom random;
    private final FuzzBodies bodies;
    private final String host;

    FuzzRequests(long seed, String host) {
        this.random = new SplittableRandom(seed);
        this.bodies = new FuzzBodies(random);
        this.host = host;
    }

    /**
     * The next request. {@code keepAliveSafe} leaves out framings that desynchronise a
     * connection (for the over-the-socket phase, which reuses connections).
     */
    FuzzRequest next(long index, boolean keepAliveSafe) {
        String method = METHODS[random.nextInt(METHODS.length)];
        if (keepAliveSafe && method.equals("HEAD")) {
            method = "GET"; // HEAD answers are checked in-process, where each has a connection of its own
        }
        String path = random.nextInt(6) == 0 ? OTHER_PATHS[random.nextInt(OTHER_PATHS.length)]
                : INGEST_PATHS[random.nextInt(INGEST_PATHS.length)] + (random.nextInt(8) == 0 ? "/" : "");
        List<String[]> headers = new ArrayList<>();
        // Without Host Jetty answers 400 and closes at once; over TCP, the rest of the request then
        // meets a closed socket and the reset can discard the answer before the client reads it.
        // So requests without Host are only sent in-process.
        if (keepAliveSafe || random.nextInt(20) != 0) {
            headers.add(new String[] {"Host", random.nextInt(50) == 0 ? "evil.test:1" : host});
        }
        if (random.nextInt(5) != 0) {
            headers.add(new String[] {"Content-Type", pick(CONTENT_TYPES)});
        }
        if (random.nextInt(3) == 0) {
            headers.add(new String[] {"Authorization", authorization()});
        }
        if (random.nextInt(3) == 0) {
            headers.add(new String[] {"Origin", pick(ORIGINS)});
        }
        if (random.nextInt(3) == 0) {
            headers.add(new String[] {"User-Agent", pick(USER_AGENTS)});
        }
        if (random.nextInt(6) == 0) {
            headers.add(new String[] {"X-Forwarded-For", pick(FORWARDED)});
        }
        if (random.nextInt(10) == 0) {
            headers.add(new String[] {"Access-Control-Request-Method", random.nextBoolean() ? "POST" : "DELETE"});
        }
        if (random.nextInt(30) == 0 && !keepAliveSafe) { // a 100 Continue interim answer is not the answer
            headers.add(new String[] {"Expect", random.nextBoolean() ? "100-continue" : "something-else"});
        }
        if (random.nextInt(30) == 0) {
            headers.add(new String[] {"Accept-Encoding", "gzip, br, *;q=0"});
        }
        byte[] body = bodies.forPath(path);
        String encoding = random.nextInt(10) == 0 ? pick(ENCODINGS) : null;
        if (encoding != null) {
            headers.add(new String[] {"Content-Encoding", encoding});
            if (encoding.equalsIgnoreCase("gzip") && random.nextInt(4) != 0) {
                body = gzip(body, random.nextInt(5) == 0); // sometimes a gzip stream cut short
            }
        }
        Framing framing = framing(keepAliveSafe, body.length);
        return new FuzzRequest(index, method, path, framing, render(method, path, headers, body, framing));
    }

    private Framing framing(boolean keepAliveSafe, int bodyLength) {
        int roll = random.nextInt(100);
        if (roll < 75) {
            return Framing.CONTENT_LENGTH;
        }
        if (roll < 88) {
            return Framing.CHUNKED;
        }
        if (roll < 93 || keepAliveSafe) {
            return bodyLength == 0 ? Framing.CONTENT_LENGTH : Framing.NONE;
        }
        return bodyLength > 1 && random.nextBoolean() ? Framing.LENGTH_TOO_SHORT : Framing.LENGTH_TOO_LONG;
    }

    private String authorization() {
        String[] users = {"wk_shop_test", "wk_blog_test", "nope", "", "WK_SHOP_TEST", "wk_shop_test ", "%77k_shop_test"};
        return switch (random.nextInt(6)) {
            case 0, 1 -> "Basic " + base64(pick(users) + ":");
            case 2 -> "Basic " + base64(":" + pick(users));
            case 3 -> "Bearer " + pick(users);
            case 4 -> "Basic " + "!!!not-base64";
            default -> "basic   " + base64(pick(users));
        };
    }

    private byte[] render(String method, String path, List<String[]> headers, byte[] body, Framing framing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        write(out, method + " " + path + " HTTP/1.1\r\n");
        for (String[] header : headers) {
            write(out, header[0] + ": " + header[1] + "\r\n");
        }
        switch (framing) {
            case CONTENT_LENGTH -> write(out, "Content-Length: " + body.length + "\r\n\r\n");
            case CHUNKED -> write(out, "Transfer-Encoding: chunked\r\n\r\n");
            case NONE -> write(out, "\r\n");
            case LENGTH_TOO_SHORT -> write(out, "Content-Length: " + random.nextInt(body.length) + "\r\n\r\n");
            case LENGTH_TOO_LONG -> write(out, "Content-Length: " + (body.length + 1 + random.nextInt(1000)) + "\r\n\r\n");
            default -> throw new IllegalStateException();
        }
        if (framing == Framing.CHUNKED) {
            int at = 0;
            while (at < body.length) {
                int n = Math.min(body.length - at, 1 + random.nextInt(4096));
                write(out, Integer.toHexString(n) + "\r\n");
                out.write(body, at, n);
                write(out, "\r\n");
                at += n;
            }
            write(out, "0\r\n\r\n");
        } else if (framing != Framing.NONE) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body, boolean cutShort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zipped = out.toByteArray();
        return cutShort ? java.util.Arrays.copyOf(zipped, zipped.length / 2) : zipped;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }
}
