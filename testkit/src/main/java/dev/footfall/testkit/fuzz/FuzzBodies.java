package dev.footfall.testkit.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Request bodies for fuzzing, from one seeded random source: well-formed events of every route
 * (some valid, so the accepting path runs too), and the ways such bodies go wrong on the wire or
 * in a hostile client: truncation, flipped and inserted bytes, invalid UTF-8, duplicate keys,
 * wrong types, deep nesting, huge strings and numbers, and bytes that are no JSON at all.
 *
 * <p>One generator for every fuzz test: the gateway's sends these bodies over HTTP, the job's
 * writes them straight into the raw topic. The same random source and the same calls give the
 * same bodies, so a failing input can be rebuilt from its seed and index.
 */
public final class FuzzBodies {

    /** How a body was made: well-formed, or which way it was broken. */
    public enum Kind {
        WELL_FORMED, TRUNCATED, BYTES_FLIPPED, INVALID_UTF8, DUPLICATE_KEYS, DEEP_NESTING, HUGE_VALUE,
        ODD_VALUE_AT_TOP, RANDOM_BYTES, JSON_LOOKALIKE, EMPTY, SINGLE_QUOTES
    }

    /** A body and how it was made. */
    public record Body(Kind kind, byte[] bytes) {
    }

    private static final String[] EVENT_NAMES = {"Signed Up", "", " ", "\u0000", "Ölçü 🎉", "x".repeat(300), "\\\"", "<script>"};
    private static final String[] TYPES = {"track", "page", "screen", "identify", "group", "alias", "TRACK", "nope", ""};
    private static final String[] KEYS = {"wk_shop_test", "wk_blog_test", "wk_server_only", "WK_SHOP_TEST", "nope", ""};
    private static final String[] TIMESTAMPS = {"2024-01-01T00:00:00Z", "2024-13-45T99:99:99Z", "yesterday", "",
            "1970-01-01T00:00:00.000Z", "9999-12-31T23:59:59Z", "2024-01-01T00:00:00+25:00"};
    private static final String[] ODD_VALUES = {"null", "true", "false", "0", "-0", "1e999999", "-1e-999999",
            "123456789012345678901234567890123456789", "NaN", "Infinity", "[]", "{}", "\"\"", "[[[]]]", "0x1F",
            "01", "1.", ".5", "+1", "\"\\ud800\"", "\"\\u0000\"", "\"\\uZZZZ\""};
    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}};

    private final SplittableRandom random;

    public FuzzBodies(SplittableRandom random) {
        this.random = random;
    }

    /** A body for the given path (the shape it expects, usually), then maybe broken. */
    public byte[] forPath(String path) {
        return next(path).bytes();
    }

    /** Like {@link #forPath}, saying how the body was made. */
    public Body next(String path) {
        String shape = path.startsWith("/v1/batch") || path.startsWith("/v1/import") ? batch()
                : path.startsWith("/api/events") ? simple() : message(path.length() > 4 ? null : "track");
        int how = random.nextInt(100);
        if (how < 30) {
            return new Body(Kind.WELL_FORMED, bytes(shape)); // well-formed: valid or a contract violation
        }
        if (how < 40) {
            return new Body(Kind.TRUNCATED, truncate(bytes(shape)));
        }
        if (how < 50) {
            return new Body(Kind.BYTES_FLIPPED, flipBytes(bytes(shape)));
        }
        if (how < 57) {
            return new Body(Kind.INVALID_UTF8, insertInvalidUtf8(bytes(shape)));
        }
        if (how < 63) {
            return new Body(Kind.DUPLICATE_KEYS, bytes(duplicateKeys(shape)));
        }
        if (how < 70) {
            return new Body(Kind.DEEP_NESTING, bytes(deepNesting()));
        }
        if (how < 74) {
            return new Body(Kind.HUGE_VALUE, bytes(hugeString()));
        }
        if (how < 80) {
            return new Body(Kind.ODD_VALUE_AT_TOP, bytes(oddValueAtTop()));
        }
        if (how < 85) {
            return new Body(Kind.RANDOM_BYTES, randomBytes(random.nextInt(200)));
        }
        if (how < 90) {
            return new Body(Kind.JSON_LOOKALIKE, bytes(jsonLookalike(shape)));
        }
        if (how < 94) {
            return new Body(Kind.EMPTY, new byte[0]);
        }
        return new Body(Kind.SINGLE_QUOTES, bytes(shape.replace("\"", "'")));
    }

    /**
     * A Segment message, some fields odd: the route's type when {@code type} is given (sometimes
     * a body type too), else a type from the body.
     */
    public String message(String type) {
        StringBuilder out = new StringBuilder("{");
        if (type == null || random.nextInt(4) == 0) {
            out.append("\"type\":\"").append(pick(TYPES)).append("\",");
        }
        out.append("\"event\":").append(maybeOdd("\"" + pick(EVENT_NAMES) + "\"")).append(',');
        if (random.nextBoolean()) {
            out.append("\"userId\":").append(maybeOdd("\"u-" + random.nextInt(1000) + "\"")).append(',');
        }
        if (random.nextBoolean()) {
            out.append("\"anonymousId\":").append(maybeOdd("\"a-" + random.nextInt(1000) + "\"")).append(',');
        }
        if (random.nextInt(3) == 0) {
            out.append("\"writeKey\":\"").append(pick(KEYS)).append("\",");
        }
        if (random.nextInt(3) == 0) {
            out.append("\"timestamp\":").append(maybeOdd("\"" + pick(TIMESTAMPS) + "\"")).append(',');
        }
        if (random.nextInt(3) == 0) {
            out.append("\"messageId\":").append(maybeOdd("\"m-" + random.nextLong() + "\"")).append(',');
        }
        if (random.nextInt(3) == 0) {
            out.append("\"siteId\":\"blog\",\"receivedAt\":\"2000-01-01T00:00:00Z\",\"clientAddress\":\"1.2.3.4\",");
        }
        out.append("\"context\":").append(maybeOdd("{\"ip\":\"198.51.100.7\",\"page\":{\"url\":"
                + maybeOdd("\"https://shop.test/a?b=c\"") + "}}")).append(',');
        out.append("\"properties\":").append(maybeOdd("{\"n\":" + pick(ODD_VALUES) + ",\"s\":\"v\"}"));
        return out.append('}').toString();
    }

    /** The minimal {@code {name, data}} shape. */
    public String simple() {
        return "{\"name\":" + maybeOdd("\"" + pick(EVENT_NAMES) + "\"") + ",\"data\":"
                + maybeOdd("{\"k\":" + pick(ODD_VALUES) + "}") + "}";
    }

    /** A Segment batch of messages (and odd elements). */
    public String batch() {
        StringBuilder out = new StringBuilder("{");
        if (random.nextInt(3) == 0) {
            out.append("\"writeKey\":\"").append(pick(KEYS)).append("\",");
        }
        if (random.nextInt(4) == 0) {
            out.append("\"sentAt\":").append(maybeOdd("\"" + pick(TIMESTAMPS) + "\"")).append(',');
        }
        out.append("\"batch\":");
        if (random.nextInt(10) == 0) {
            out.append(pick(ODD_VALUES));
        } else {
            out.append('[');
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(random.nextInt(8) == 0 ? pick(ODD_VALUES) : message(null));
            }
            out.append(']');
        }
        return out.append('}').toString();
    }

    private String maybeOdd(String normal) {
        return random.nextInt(8) == 0 ? pick(ODD_VALUES) : normal;
    }

    private String duplicateKeys(String json) {
        int brace = json.indexOf('{');
        return brace < 0 ? json : json.substring(0, brace + 1) + "\"event\":\"first\",\"event\":\"second\","
                + json.substring(brace + 1);
    }

    private String deepNesting() {
        int depth = 1 + random.nextInt(random.nextInt(8) == 0 ? 5000 : 60);
        boolean arrays = random.nextBoolean();
        StringBuilder out = new StringBuilder("{\"event\":\"Deep\",\"userId\":\"u\",\"properties\":");
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "[" : "{\"k\":");
        }
        out.append('1');
        if (random.nextInt(4) != 0) { // sometimes never closed
            for (int i = 0; i < depth; i++) {
                out.append(arrays ? "]" : "}");
            }
            out.append('}');
        }
        return out.toString();
    }

    private String hugeString() {
        int length = random.nextInt(10) == 0 ? 40_000 + random.nextInt(600_000) : 1_000 + random.nextInt(40_000);
        String filler = random.nextBoolean() ? "a" : "\\u00e9";
        String big = filler.repeat(length / filler.length());
        return random.nextBoolean()
                ? "{\"event\":\"Big\",\"userId\":\"u\",\"properties\":{\"s\":\"" + big + "\"}}"
                : "{\"event\":\"Big\",\"userId\":\"u\",\"properties\":{\"n\":" + "9".repeat(Math.min(length, 50_000)) + "}}";
    }

    private String oddValueAtTop() {
        return pick(ODD_VALUES);
    }

    private String jsonLookalike(String json) {
        return switch (random.nextInt(6)) {
            case 0 -> json + "," + json;       // two documents
            case 1 -> json + " trailing";
            case 2 -> "/* c */" + json;
            case 3 -> json.replace("}", ",}"); // trailing commas
            case 4 -> "\uFEFF" + json;         // byte-order mark
            default -> json.replace(":", " : \u0000");
        };
    }

    private byte[] truncate(byte[] body) {
        return body.length == 0 ? body : java.util.Arrays.copyOf(body, random.nextInt(body.length));
    }

    private byte[] flipBytes(byte[] body) {
        byte[] copy = body.clone();
        for (int i = 0, n = 1 + random.nextInt(4); i < n && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private byte[] insertInvalidUtf8(byte[] body) {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        // Inside a string value most of the time: that is where a lenient decoder lets it through.
        int quote = indexOf(body, (byte) '"', at);
        if (quote >= 0) {
            at = quote + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        out.write(body, 0, at);
        out.writeBytes(INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
