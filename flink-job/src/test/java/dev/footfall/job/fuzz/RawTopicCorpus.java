package dev.footfall.job.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.event.Campaign;
import dev.footfall.event.Envelope;
import dev.footfall.event.EventCodec;
import dev.footfall.event.EventContext;
import dev.footfall.event.EventRules;
import dev.footfall.event.EventType;
import dev.footfall.event.Library;
import dev.footfall.event.PageContext;
import dev.footfall.event.ReasonCode;
import dev.footfall.event.Screen;
import dev.footfall.event.StrictJson;
import dev.footfall.event.TrackedEvent;
import dev.footfall.event.TrackedEventBuilder;
import dev.footfall.testkit.fuzz.FuzzBodies;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Everything the raw-topic fuzz test writes, one {@link Input} per Kafka record, from one seed:
 *
 * <ul>
 *   <li>the gateway's fuzz bodies ({@link FuzzBodies}) as they are, without the envelope the
 *       gateway adds, and the same kind of bodies with an envelope spliced in, so they get past the
 *       envelope check and meet every other rule (a share of them come out valid);
 *   <li>Kafka-level oddities the gateway never writes, each with the reason it must get: null,
 *       empty and blank values, values at and just over the event limit and close to the broker's
 *       record limit, odd or missing headers, null keys, bytes that are not UTF-8, envelopes with
 *       fields missing, each event type with wrong-typed fields;
 *   <li>valid records built the way the gateway writes them ({@link EventCodec#toRecord}, keyed
 *       by {@link TrackedEvent#partitionKey}), of every type, with odd but legal content, some
 *       resent (the job drops those as duplicates);
 *   <li>last, one clock record per partition that moves event time past everything else.
 * </ul>
 */
final class RawTopicCorpus {

    /** What the test expects of an input: any reasoned outcome, valid, or one exact reason. */
    static final String ANY = null;
    static final String VALID = "valid";

    static final String SITE = "fuzzsite";
    static final Instant RECEIVED = Instant.parse("2024-01-01T12:00:00Z");
    static final Instant CLOCK_TIME = Instant.parse("2024-01-01T23:00:00Z");

    /** The broker's default record limit is 1 MiB: this stays just under it. */
    static final int NEAR_BROKER_LIMIT_BYTES = 1_000_000;

    /**
     * One record to write.
     *
     * @param origin where it came from, for the report (e.g. {@code fuzz:TRUNCATED}, {@code valid:page})
     * @param partition the partition to write to, or null to let the key decide
     * @param expected {@link #ANY}, {@link #VALID} or a reason code
     * @param messageField what the rejection's message must mention, or null
     */
    record Input(int index, String origin, Integer partition, byte[] key, byte[] value, List<Header> headers,
            String expected, String messageField) {

        String describe() {
            String text = value == null ? "null" : new String(value, 0, Math.min(value.length, 300), StandardCharsets.UTF_8);
            return "input #" + index + " (" + origin + ", " + (value == null ? "null" : value.length + " bytes")
                    + ", expected " + (expected == null ? "any" : expected) + "): " + text;
        }
    }

    private static final String[] FUZZ_PATHS = {"/v1/track", "/v1/page", "/v1/screen", "/v1/identify", "/v1/group",
            "/v1/alias", "/v1/batch", "/v1/import", "/api/events"};
    private static final String[] NAMES = {"Signed Up", "Ölçü 🎉", "日本語のページ", "a", "x".repeat(200), "<script>",
            "Order Completed", "\\\"quoted\\\"", "tab\u00a0nbsp", "emoji 👩‍👩‍👧"};
    private static final String[] URLS = {"https://shop.test/", "https://shop.test/pricing?plan=pro&utm_source=news",
            "https://shop.test/ünïcödé/path?q=%E2%9C%93#frag", "http://[2001:db8::1]:8080/x", "https://shop.test/" + "p".repeat(1500),
            "not a url", "https://user:pass@shop.test/login", "android-app://com.example/page", ""};
    private static final String[] PROPERTY_KEYS = {"plan", "seats", "a.b", "a..b", ".lead", "trail.", " ", "_source",
            "_id", "", "k".repeat(300), "ключ", "🔑", "with space", "UPPER", "$dollar", "null", "properties_kv", "__proto__"};
    private static final String[] USER_AGENTS = {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.4.0", "", "\u00ff\u00fe",
            "x".repeat(3000)};

    private static final EventRules RULES = EventRules.defaults();
    /** Keeps numbers as written (a 150-digit integer, 1e999999), so they reach the job as they are. */
    private static final com.fasterxml.jackson.databind.ObjectMapper AS_WRITTEN =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .build();

    private final SplittableRandom random;
    private final FuzzBodies bodies;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Input> validSent = new ArrayList<>();
    private RawTopicCorpus(long seed) {
        this.random = new SplittableRandom(seed);
        this.bodies = new FuzzBodies(random);
    }

    /**
     * @param fuzzed how many fuzz bodies (half as they are, half enveloped)
     * @param valid how many records built the way the gateway writes them (some resent)
     * @param partitions the raw topic's partitions, each of which gets a clock record at its end
     */
    static List<Input> build(long seed, int fuzzed, int valid, int partitions) {
        RawTopicCorpus corpus = new RawTopicCorpus(seed);
        corpus.kafkaOddities();
        corpus.wrongTypes();
        corpus.envelopeGaps();
        // Interleaved, so the valid records' sessions and the poison records share the same operators.
        int total = fuzzed + valid;
        int fuzzLeft = fuzzed;
        int validLeft = valid;
        for (int i = 0; i < total; i++) {
            if (validLeft > 0 && (fuzzLeft == 0 || corpus.random.nextInt(fuzzLeft + validLeft) < validLeft)) {
                corpus.validOrResent();
                validLeft--;
            } else {
                corpus.fuzz();
                fuzzLeft--;
            }
        }
        for (int p = 0; p < partitions; p++) {
            corpus.add("clock", p, bytes(SITE + "/clock-" + p), EventCodec.toRecord(TrackedEvent.builder(EventType.PAGE)
                    .messageId("clock-" + p).anonymousId("clock-" + p).name("clock")
                    .envelope(new Envelope(CLOCK_TIME, SITE, null, null)).build()), List.of(), VALID, null);
        }
        return corpus.inputs;
    }

    // ---- the gateway's fuzz corpus --------------------------------------------------------------

    private void fuzz() {
        String path = FUZZ_PATHS[random.nextInt(FUZZ_PATHS.length)];
        FuzzBodies.Body body = bodies.next(path);
        boolean enveloped = random.nextBoolean();
        byte[] value = enveloped ? withEnvelope(body.bytes(), "fz-" + inputs.size()) : body.bytes();
        String expected = ANY;
        if (body.kind() == FuzzBodies.Kind.EMPTY) {
            expected = ReasonCode.EMPTY_BODY.code();
        } else if (body.kind() == FuzzBodies.Kind.DUPLICATE_KEYS) {
            // the repeated key comes first in an otherwise well-formed document: nothing else can be met before it
            expected = ReasonCode.DUPLICATE_KEY.code();
        }
        byte[] key = random.nextInt(10) == 0 ? null : bytes(SITE + "/a-" + random.nextInt(1000));
        add("fuzz" + (enveloped ? "+envelope" : "") + ":" + body.kind(), null, key, value, List.of(), expected, null);
    }

    /**
     * The envelope fields the gateway adds, spliced in after the first {@code '{'} where the body
     * does not already carry them, as a record would look if the gateway had let it through.
     */
    private static byte[] withEnvelope(byte[] body, String messageId) {
        int brace = indexOf(body, (byte) '{');
        if (brace < 0) {
            return body;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1); // only to look for ASCII keys
        StringBuilder fields = new StringBuilder();
        if (!text.contains("\"siteId\"")) {
            fields.append("\"siteId\":\"").append(SITE).append("\",");
        }
        if (!text.contains("\"receivedAt\"")) {
            fields.append("\"receivedAt\":\"").append(RECEIVED).append("\",");
        }
        if (!text.contains("\"messageId\"")) {
            fields.append("\"messageId\":\"").append(messageId).append("\",");
        }
        byte[] insert = bytes(fields.toString());
        byte[] out = new byte[body.length + insert.length];
        System.arraycopy(body, 0, out, 0, brace + 1);
        System.arraycopy(insert, 0, out, brace + 1, insert.length);
        System.arraycopy(body, brace + 1, out, brace + 1 + insert.length, body.length - brace - 1);
        return out;
    }

    // ---- what only a Kafka producer can write -----------------------------------------------

    private void kafkaOddities() {
        add("kafka:null-value", null, bytes(SITE + "/x"), null, List.of(), ReasonCode.EMPTY_BODY.code(), null);
        add("kafka:empty-value", null, bytes(SITE + "/x"), new byte[0], List.of(), ReasonCode.EMPTY_BODY.code(), null);
        add("kafka:blank-value", null, bytes(SITE + "/x"), bytes(" \r\n\t "), List.of(), ReasonCode.EMPTY_BODY.code(), null);
        add("kafka:null-value-null-key", null, null, null, List.of(), ReasonCode.EMPTY_BODY.code(), null);

        // The per-event limit (32 KB, without the envelope): the largest event that passes, and one byte more.
        byte[] atLimit = largestValidTrack("limit-ok");
        add("kafka:event-at-limit", null, bytes(SITE + "/limit"), atLimit, List.of(), VALID, null);
        byte[] overLimit = trackWithPadding("limit-over", paddingOf(atLimit) + 1);
        add("kafka:event-over-limit", null, bytes(SITE + "/limit"), overLimit, List.of(), ReasonCode.EVENT_TOO_LARGE.code(), null);

        // Close to the broker's record limit. Escaping for the dead-letter JSON makes quotes and
        // control characters larger than they were: a dead letter must still fit in a record.
        String quotes = "\\\"".repeat(NEAR_BROKER_LIMIT_BYTES / 2 - 200);
        byte[] bigValid = bytes("{\"type\":\"track\",\"event\":\"Big\",\"anonymousId\":\"big\",\"messageId\":\"big-1\","
                + "\"siteId\":\"" + SITE + "\",\"receivedAt\":\"" + RECEIVED + "\",\"properties\":{\"s\":\"" + quotes + "\"}}");
        add("kafka:near-broker-limit-quotes", null, bytes(SITE + "/big"), bigValid, List.of(),
                ReasonCode.EVENT_TOO_LARGE.code(), null);
        StringBuilder controls = new StringBuilder("{\"siteId\":\"" + SITE + "\",\"p\":\"");
        while (controls.length() < NEAR_BROKER_LIMIT_BYTES - 10) {
            controls.append('\u0001');
        }
        add("kafka:near-broker-limit-control-chars", null, bytes(SITE + "/big"), bytes(controls.append("\"}").toString()),
                List.of(), ReasonCode.MALFORMED_JSON.code(), null);
        byte[] notUtf8 = new byte[NEAR_BROKER_LIMIT_BYTES - 100];
        for (int i = 0; i < notUtf8.length; i++) {
            notUtf8[i] = (byte) (0x80 | random.nextInt(0x40));
        }
        System.arraycopy(bytes("{\"p\":\""), 0, notUtf8, 0, 6);
        add("kafka:near-broker-limit-not-utf8", null, bytes(SITE + "/big"), notUtf8, List.of(),
                ReasonCode.INVALID_UTF8.code(), null);

        String hugeKey = "{\"" + "k".repeat(60_000) + "\":1,\"siteId\":\"" + SITE + "\"}";
        add("kafka:key-longer-than-the-parser-takes", null, bytes(SITE + "/big"), bytes(hugeKey), List.of(),
                ReasonCode.EVENT_TOO_LARGE.code(), null);

        // Headers are not read: a valid record stays valid whatever they say, an invalid one keeps its reason.
        List<Header> odd = List.of(new RecordHeader("content-type", bytes("text/garbage")),
                new RecordHeader("", new byte[] {(byte) 0xFF}), new RecordHeader("null-value", null),
                new RecordHeader("siteId", bytes("other")), new RecordHeader("big", new byte[64 * 1024]),
                new RecordHeader("content-type", bytes("application/json; charset=utf-16")));
        add("kafka:odd-headers-valid", null, bytes(SITE + "/h1"), validRecord(EventType.TRACK, "h-1", "h1"), odd, VALID, null);
        add("kafka:odd-headers-invalid", null, bytes(SITE + "/h1"), bytes("{\"type\":"), odd, ReasonCode.MALFORMED_JSON.code(), null);
        add("kafka:no-headers-valid", null, bytes(SITE + "/h2"), validRecord(EventType.PAGE, "h-2", "h2"), List.of(), VALID, null);

        // Keys are not read either: null, empty and non-UTF-8 keys.
        add("kafka:null-key-valid", null, null, validRecord(EventType.PAGE, "k-1", "k1"), List.of(), VALID, null);
        add("kafka:null-key-invalid", null, null, bytes("[1,2]"), List.of(), ReasonCode.NOT_AN_OBJECT.code(), null);
        add("kafka:empty-key-valid", null, new byte[0], validRecord(EventType.SCREEN, "k-2", "k2"), List.of(), VALID, null);
        add("kafka:binary-key-valid", null, new byte[] {(byte) 0xFF, 0, (byte) 0xC3}, validRecord(EventType.IDENTIFY, "k-3", "k3"),
                List.of(), VALID, null);

        // Bytes that are not UTF-8, inside otherwise valid records.
        String latin1 = "{\"type\":\"track\",\"event\":\"Café\",\"anonymousId\":\"l1\",\"messageId\":\"latin-1\","
                + "\"siteId\":\"" + SITE + "\",\"receivedAt\":\"" + RECEIVED + "\"}";
        add("kafka:latin-1", null, bytes(SITE + "/l1"), latin1.getBytes(StandardCharsets.ISO_8859_1), List.of(),
                ReasonCode.INVALID_UTF8.code(), null);
        byte[][] broken = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE}};
        for (int i = 0; i < broken.length; i++) {
            byte[] record = validRecord(EventType.TRACK, "utf8-" + i, "u8");
            int at = indexOf(record, bytes("\"event\":\"")) + 9;
            byte[] out = new byte[record.length + broken[i].length];
            System.arraycopy(record, 0, out, 0, at);
            System.arraycopy(broken[i], 0, out, at, broken[i].length);
            System.arraycopy(record, at, out, at + broken[i].length, record.length - at);
            add("kafka:invalid-utf8-in-string", null, bytes(SITE + "/u8"), out, List.of(), ReasonCode.INVALID_UTF8.code(), null);
        }
        // Escaped halves of surrogate pairs: valid JSON syntax, but no text. Stored, both ids would
        // read U+FFFD and share one document; the fuzz seed 20866851399794 found the first.
        for (String lone : new String[] {"\\ud800", "\\udbff", "x\\udc00", "\\ud83d\\ud83d\\ude00"}) {
            String record = new String(validRecord(EventType.TRACK, "LONE", "lone"), StandardCharsets.UTF_8)
                    .replace("LONE", lone);
            add("kafka:lone-surrogate-id", null, bytes(SITE + "/lone"), bytes(record), List.of(),
                    ReasonCode.INVALID_UNICODE.code(), null);
        }
        String pair = new String(validRecord(EventType.TRACK, "PAIR", "lone"), StandardCharsets.UTF_8)
                .replace("PAIR", "pair-\\ud83d\\ude00");
        add("kafka:surrogate-pair-id", null, bytes(SITE + "/lone"), bytes(pair), List.of(), VALID, null);
        // UTF-16 and UTF-32 text: JSON parsers detect these encodings, but JSON is exchanged as UTF-8.
        String utf16 = new String(validRecord(EventType.TRACK, "utf16-1", "u16"), StandardCharsets.UTF_8);
        add("kafka:utf-16be", null, bytes(SITE + "/u16"), utf16.getBytes(StandardCharsets.UTF_16BE), List.of(),
                ReasonCode.INVALID_UTF8.code(), null);
        add("kafka:utf-16-bom", null, bytes(SITE + "/u16"),
                new String(validRecord(EventType.TRACK, "utf16-2", "u16"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16),
                List.of(), ANY, null);
        add("kafka:utf-8-bom", null, bytes(SITE + "/bom"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                validRecord(EventType.TRACK, "bom-1", "bom")), List.of(), ANY, null);
        add("kafka:nul-bytes", null, bytes(SITE + "/nul"), new byte[16], List.of(), ReasonCode.MALFORMED_JSON.code(), null);
    }

    /** Each event type, valid but for one field of the wrong JSON type; the message must name it. */
    private void wrongTypes() {
        String[][] fields = {
            {"properties", "\"a string\""}, {"properties", "[1,2]"}, {"traits", "7"}, {"context", "[]"},
            {"context.page", "\"/path\""}, {"context.page.url", "{\"u\":1}"}, {"context.campaign", "true"},
            {"context.library.name", "[\"x\"]"}, {"context.screen.width", "\"wide\""}, {"context.screen.density", "\"hi\""},
            {"context.userAgent", "{}"}, {"userId", "[\"u\"]"}, {"anonymousId", "{\"id\":1}"}, {"messageId", "[]"},
            {"event", "{\"n\":1}"}, {"name", "[]"}, {"groupId", "{}"}, {"previousId", "[]"}, {"timestamp", "{}"},
            {"sentAt", "[]"}, {"receivedAt", "{}"}, {"siteId", "[\"s\"]"}, {"type", "{}"}, {"visitorId", "[]"},
        };
        int n = 0;
        for (EventType type : EventType.values()) {
            for (String[] field : fields) {
                ObjectNode json = validJson(type, "wt-" + type.wireName() + "-" + n++, "wt");
                setPath(json, field[0], field[1]);
                add("wrong-type:" + type.wireName(), null, bytes(SITE + "/wt"), bytes(json.toString()), List.of(),
                        ReasonCode.WRONG_TYPE.code(), field[0]);
            }
        }
    }

    /** Records that look like the gateway's but lack what it always adds, or carry it broken. */
    private void envelopeGaps() {
        gap("no-siteId", json -> json.remove("siteId"), ReasonCode.MISSING_SITE);
        gap("blank-siteId", json -> json.put("siteId", "  "), ReasonCode.MISSING_SITE);
        gap("null-siteId", json -> json.putNull("siteId"), ReasonCode.MISSING_SITE);
        gap("no-receivedAt", json -> json.remove("receivedAt"), ReasonCode.MISSING_SITE);
        gap("receivedAt-not-a-date", json -> json.put("receivedAt", "yesterday"), ReasonCode.INVALID_TIMESTAMP);
        gap("receivedAt-epoch-number", json -> json.put("receivedAt", 1_704_110_400_000L), ReasonCode.INVALID_TIMESTAMP);
        gap("receivedAt-without-offset", json -> json.put("receivedAt", "2024-01-01T12:00:00"), ReasonCode.INVALID_TIMESTAMP);
        gap("no-messageId", json -> json.remove("messageId"), ReasonCode.MISSING_MESSAGE_ID);
        gap("empty-messageId", json -> json.put("messageId", ""), ReasonCode.MISSING_MESSAGE_ID);
        gap("long-messageId", json -> json.put("messageId", "m".repeat(101)), ReasonCode.INVALID_ID);
        gap("control-char-messageId", json -> json.put("messageId", "m\u0007"), ReasonCode.INVALID_ID);
        gap("no-identity", json -> json.remove("anonymousId"), ReasonCode.MISSING_IDENTITY);
        gap("no-type", json -> json.remove("type"), ReasonCode.MISSING_TYPE);
        gap("unknown-type", json -> json.put("type", "click"), ReasonCode.UNKNOWN_TYPE);
        gap("type-as-number", json -> json.put("type", 5), ReasonCode.UNKNOWN_TYPE);
        gap("no-event-name", json -> json.remove("event"), ReasonCode.MISSING_EVENT_NAME);
        gap("control-char-event-name", json -> json.put("event", "a\u0000b"), ReasonCode.INVALID_EVENT_NAME);
        gap("timestamp-far-future", json -> json.put("timestamp", "2024-03-01T00:00:00Z"), ReasonCode.TIMESTAMP_IN_FUTURE);
        gap("timestamp-too-old", json -> json.put("timestamp", "2023-01-01T00:00:00Z"), ReasonCode.TIMESTAMP_TOO_OLD);
        gap("infinite-number", json -> setPath(json, "properties.n", "1e999999"), ReasonCode.INVALID_NUMBER);
        gap("number-too-long", json -> setPath(json, "properties.n", "1" + "0".repeat(150)), ReasonCode.INVALID_NUMBER);
        gap("too-deep", json -> json.putObject("properties").putObject("a").putObject("b").putObject("c").putObject("d")
                .putObject("e").putObject("f").put("g", 1), ReasonCode.NESTING_TOO_DEEP);
        gap("too-many-properties", json -> {
            ObjectNode properties = json.putObject("properties");
            for (int i = 0; i <= 100; i++) {
                properties.put("p" + i, i);
            }
        }, ReasonCode.TOO_MANY_PROPERTIES);
        // Envelope dates the daily index names and OpenSearch dates must both survive.
        gap("receivedAt-year-9999", json -> json.put("receivedAt", "9999-12-31T23:59:59Z").remove("timestamp"), null);
        gap("receivedAt-year-10000", json -> json.put("receivedAt", "+10000-01-01T00:00:00Z").remove("timestamp"), null);
        gap("receivedAt-year-0", json -> json.put("receivedAt", "0000-01-01T00:00:00Z").remove("timestamp"), null);
        gap("receivedAt-before-epoch", json -> json.put("receivedAt", "1969-12-31T23:59:59.999Z").remove("timestamp"), null);
        gap("receivedAt-offset", json -> json.put("receivedAt", "2024-01-01T13:00:00+01:00"), null);
        // Broken events whose envelope carries an odd date: their dead letters are dated by it.
        gap("invalid-with-receivedAt-year-10000", json -> json.put("receivedAt", "+10000-01-01T00:00:00Z").remove("type"),
                ReasonCode.MISSING_TYPE);
        gap("invalid-with-receivedAt-year-0", json -> json.put("receivedAt", "0000-01-01T00:00:00Z").remove("type"),
                ReasonCode.MISSING_TYPE);
        gap("invalid-with-huge-siteId", json -> json.put("siteId", "s".repeat(5000)).remove("type"), ReasonCode.MISSING_TYPE);
    }

    private void gap(String what, java.util.function.Consumer<ObjectNode> change, ReasonCode reason) {
        ObjectNode json = validJson(EventType.TRACK, "gap-" + what, "gap");
        change.accept(json);
        add("envelope:" + what, null, bytes(SITE + "/gap"), bytes(json.toString()), List.of(),
                reason == null ? VALID : reason.code(), null);
    }

    // ---- valid records, as the gateway writes them -----------------------------------------------

    private void validOrResent() {
        if (!validSent.isEmpty() && random.nextInt(25) == 0) {
            Input earlier = validSent.get(random.nextInt(validSent.size()));
            add("valid:resent", null, earlier.key(), earlier.value(), List.of(), VALID, null);
            return;
        }
        EventType type = EventType.values()[random.nextInt(EventType.values().length)];
        TrackedEvent event;
        do {
            // the gateway would have refused one over the limits at the door
            event = randomValidEvent(type, "v-" + inputs.size());
        } while (!acceptedByRules(EventCodec.toRecord(event)));
        add("valid:" + type.wireName(), null, bytes(event.partitionKey()), EventCodec.toRecord(event), List.of(), VALID, null);
        validSent.add(inputs.get(inputs.size() - 1));
    }

    private TrackedEvent randomValidEvent(EventType type, String messageId) {
        Instant time = RECEIVED.minusSeconds(random.nextInt(7200));
        TrackedEventBuilder b = TrackedEvent.builder(type).messageId(messageId);
        int identity = random.nextInt(4);
        String visitor = "a-" + random.nextInt(1000);
        if (identity != 1 || type == EventType.IDENTIFY || type == EventType.ALIAS) {
            b.userId(random.nextInt(3) == 0 ? "u-" + random.nextInt(300) : null);
        }
        if (identity != 2) {
            b.anonymousId(visitor);
        }
        String visitorId = null;
        if (identity == 2 || (type != EventType.IDENTIFY && type != EventType.ALIAS && random.nextInt(5) == 0)) {
            visitorId = "cv-" + random.nextInt(500); // the gateway's cookieless id, for events with no ids of their own
        }
        switch (type) {
            case TRACK -> b.event(pick(NAMES));
            case PAGE, SCREEN -> b.name(random.nextBoolean() ? pick(NAMES) : null);
            case IDENTIFY -> b.userId("u-" + random.nextInt(300)).traits(randomObject(0));
            case GROUP -> b.groupId("g-" + random.nextInt(50)).traits(randomObject(0));
            case ALIAS -> b.userId("u-" + random.nextInt(300)).previousId(visitor);
            default -> throw new IllegalStateException();
        }
        if (b.build().visitorKey() == null && visitorId == null) {
            b.anonymousId(visitor);
        }
        if (type == EventType.TRACK || random.nextBoolean()) {
            b.properties(randomObject(0));
        }
        Instant sentAt = random.nextInt(4) == 0 ? time.plusSeconds(random.nextInt(86_400 * 400) - 86_400L * 200) : null;
        if (sentAt != null) {
            // a client clock that is off: the job corrects the time by the offset sentAt shows
            b.sentAt(sentAt).timestamp(sentAt.minusSeconds(random.nextInt(60)));
        } else {
            b.timestamp(random.nextInt(5) == 0 ? null : time);
        }
        b.context(new EventContext(
                random.nextInt(3) == 0 ? null : new PageContext(pick(URLS), random.nextBoolean() ? "/p" : null,
                        random.nextBoolean() ? "?q=1" : null, random.nextBoolean() ? pick(NAMES) : null,
                        random.nextBoolean() ? pick(URLS) : null),
                random.nextInt(4) == 0 ? new Campaign(pick(NAMES), "news", "email", null, "c") : null,
                new Library(random.nextBoolean() ? "footfall.js" : "analytics-java", "1.0." + random.nextInt(10)),
                type == EventType.SCREEN ? new Screen(random.nextInt(4000), random.nextInt(4000), 2.0) : null,
                pick(USER_AGENTS), random.nextBoolean() ? "en-US" : "de_DE", random.nextBoolean() ? "Europe/Berlin" : null,
                "198.51.100.0", StrictJson.mapper().createObjectNode().put("app", "x")));
        b.envelope(new Envelope(RECEIVED.plusMillis(random.nextInt(1000)), SITE, "203.0.113.0", visitorId));
        return b.build();
    }

    /** Legal but odd properties: odd keys, big and signed numbers, nesting up to the limit, arrays. */
    private ObjectNode randomObject(int depth) {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        int n = random.nextInt(depth == 0 ? 8 : 3);
        for (int i = 0; i < n; i++) {
            String key = pick(PROPERTY_KEYS);
            switch (random.nextInt(12)) {
                case 0 -> node.put(key, new BigInteger("123456789012345678901234567890123456789"));
                case 1 -> node.put(key, -0.0);
                case 2 -> node.put(key, random.nextBoolean() ? 1e308 : 4.9e-324);
                case 3 -> node.put(key, random.nextBoolean());
                case 4 -> node.putNull(key);
                case 5 -> node.put(key, "\u0000 nul, \t tab, \u2028 separator, 😀");
                case 6 -> node.put(key, "v".repeat(random.nextInt(600)));
                case 7 -> {
                    if (depth < 4) {
                        node.set(key, randomObject(depth + 1));
                    }
                }
                case 8 -> {
                    ArrayNode array = node.putArray(key);
                    array.add(1).add("two").add(3.5).addNull().add(true);
                    if (depth < 4) {
                        array.add(randomObject(depth + 1));
                    }
                }
                case 9 -> node.put(key, Long.MIN_VALUE);
                case 10 -> node.put(key, "");
                default -> node.put(key, random.nextInt());
            }
        }
        return node;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static boolean acceptedByRules(byte[] record) {
        return EventCodec.fromRecord(record).then(e -> RULES.checkRecord(e, record.length)).isAccepted();
    }

    /** A valid record of a type, as JSON, for tests that then break one thing in it. */
    private static ObjectNode validJson(EventType type, String messageId, String visitor) {
        TrackedEventBuilder b = TrackedEvent.builder(type).messageId(messageId).anonymousId(visitor)
                .timestamp(RECEIVED.minusSeconds(5))
                .envelope(new Envelope(RECEIVED, SITE, null, null));
        switch (type) {
            case TRACK -> b.event("Clicked");
            case PAGE, SCREEN -> b.name("Home");
            case IDENTIFY -> b.userId("u-1");
            case GROUP -> b.groupId("g-1");
            case ALIAS -> b.userId("u-1").previousId(visitor);
            default -> throw new IllegalStateException();
        }
        return (ObjectNode) StrictJson.parse(EventCodec.toRecord(b.build())).value();
    }

    private static byte[] validRecord(EventType type, String messageId, String visitor) {
        return bytes(validJson(type, messageId, visitor).toString());
    }

    private static byte[] trackWithPadding(String messageId, int padding) {
        ObjectNode json = validJson(EventType.TRACK, messageId, "limit");
        json.putObject("properties").put("pad", "x".repeat(padding));
        return bytes(json.toString());
    }

    /** The padding of the largest track record the shared rules accept (found by bisection). */
    private static byte[] largestValidTrack(String messageId) {
        int low = 0;
        int high = RULES.limits().maxEventBytes();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            byte[] record = trackWithPadding(messageId, mid);
            if (acceptedByRules(record)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return trackWithPadding(messageId, low);
    }

    private static int paddingOf(byte[] record) {
        return StrictJson.parse(record).value().path("properties").path("pad").asText().length();
    }

    private static void setPath(ObjectNode json, String path, String rawJson) {
        String[] parts = path.split("\\.");
        ObjectNode node = json;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        try {
            node.set(parts[parts.length - 1], AS_WRITTEN.readTree(rawJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(rawJson, e);
        }
    }

    private void add(String origin, Integer partition, byte[] key, byte[] value, List<Header> headers, String expected,
            String messageField) {
        inputs.add(new Input(inputs.size(), origin, partition, key, value, headers, expected, messageField));
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
