package dev.footfall.job;

import static dev.footfall.job.RawEvents.FIREFOX_MAC;
import static dev.footfall.job.RawEvents.GOOGLEBOT;
import static dev.footfall.job.RawEvents.SAFARI_IPHONE;
import static dev.footfall.job.RawEvents.page;
import static dev.footfall.job.RawEvents.track;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.DocumentIds;
import dev.footfall.index.IndexDays;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scripted morning of one shop, run through the whole job on a real Kafka broker, a real
 * MiniCluster (parallelism 2) and a real OpenSearch node; every document the job writes is
 * compared with one written down by hand below.
 *
 * <p>The script: visitor A (desktop, from Google) views three pages and signs up, one of them
 * retried (a duplicate) and one 20 s out of order; visitor B (iPhone) bounces; a Googlebot visit;
 * visitor M has two sessions 40 minutes apart; five invalid records. Then, once the watermark is
 * past 11:01 (B's session closed): a late page of A that extends and reopens A's session (within
 * the allowed lateness), a late page of M that bridges M's two sessions into one, and a page of
 * visitor E at 10:05, later than the allowed lateness (indexed, sessionized, left out of rollups,
 * counted as late). Records of the site "clock" only move event time forward.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class ScriptedTrafficITCase extends FootfallJobTestBase {

    private static final String TOPIC = "scripted.raw";
    private static final String SHOP = "shop";
    private static final String CLOCK = "clock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-03-02T" + hhmmss + "Z");
    }

    private static ProducerRecord<String, String> on(int partition, String key, String json) {
        return new ProducerRecord<>(TOPIC, partition, key, json);
    }

    private static ProducerRecord<String, String> on(int partition, String visitor, RawEvents event) {
        return on(partition, SHOP + "/" + visitor, event.json());
    }

    private static ProducerRecord<String, String> clock(int partition, String messageId, String time) {
        return on(partition, CLOCK + "/clock-" + partition,
                page(CLOCK, "clock-" + partition, messageId, at(time), "https://clock.example/").json());
    }

    private static final RawEvents A1 = page(SHOP, "visitor-a", "a1", at("10:00:10"), "https://shop.example/")
            .referrer("https://www.google.com/search?q=footfall").title("Shop").userAgent(FIREFOX_MAC);
    private static final RawEvents A2 = page(SHOP, "visitor-a", "a2", at("10:01:30"),
            "https://shop.example/pricing?plan=pro&email=ann%40example.com#faq")
            .referrer("https://shop.example/").title("Pricing").userAgent(FIREFOX_MAC);
    private static final RawEvents A3 = track(SHOP, "visitor-a", "a3", at("10:02:10"), "Signed Up",
            "https://shop.example/pricing").property("plan", "pro").property("seats", 3).userAgent(FIREFOX_MAC);
    private static final RawEvents A4 = page(SHOP, "visitor-a", "a4", at("10:01:50"), "https://shop.example/docs")
            .referrer("https://shop.example/pricing").userAgent(FIREFOX_MAC);
    private static final RawEvents A5 = page(SHOP, "visitor-a", "a5", at("10:31:00"), "https://shop.example/blog")
            .referrer("https://news.ycombinator.com/item?id=1").userAgent(FIREFOX_MAC);
    private static final RawEvents B1 = page(SHOP, "visitor-b", "b1", at("10:31:30"), "https://shop.example/")
            .userAgent(SAFARI_IPHONE);
    private static final RawEvents C1 = page(SHOP, "crawler-c", "c1", at("10:00:30"), "https://shop.example/")
            .userAgent(GOOGLEBOT);
    private static final RawEvents M1 = page(SHOP, "visitor-m", "m1", at("10:30:00"), "https://shop.example/m1")
            .userAgent(FIREFOX_MAC);
    private static final RawEvents M2 = page(SHOP, "visitor-m", "m2", at("11:10:00"), "https://shop.example/m2")
            .userAgent(FIREFOX_MAC);
    private static final RawEvents M3 = page(SHOP, "visitor-m", "m3", at("10:50:00"), "https://shop.example/m3")
            .userAgent(FIREFOX_MAC);
    private static final RawEvents E1 = page(SHOP, "visitor-e", "e1", at("10:05:00"), "https://shop.example/")
            .userAgent(SAFARI_IPHONE);

    private static final String MALFORMED = "{\"type\":\"page\",\"messageId\":\"x1\",\"siteId\":\"shop\"";
    private static final String WRONG_TYPE = "{\"type\":\"page\",\"messageId\":\"x2\",\"anonymousId\":\"visitor-x\","
            + "\"properties\":\"abc\",\"receivedAt\":\"2026-03-02T10:03:00Z\",\"siteId\":\"shop\"}";
    private static final String UNKNOWN_TYPE = "{\"type\":\"click\",\"messageId\":\"x3\",\"anonymousId\":\"visitor-x\","
            + "\"receivedAt\":\"2026-03-02T10:04:00Z\",\"siteId\":\"shop\"}";
    private static final String TOO_LARGE = track(SHOP, "visitor-x", "x4", at("10:04:30"), "Uploaded",
            "https://shop.example/").property("blob", "x".repeat(40_000)).json();
    private static final String NO_SITE = "{\"type\":\"page\",\"messageId\":\"x5\",\"anonymousId\":\"visitor-x\","
            + "\"receivedAt\":\"2026-03-02T10:05:00Z\"}";

    @Test
    void shouldWriteExactlyTheDocumentsTheScriptCallsFor(KafkaTestClient kafka, EmbeddedOpenSearch openSearch,
            OpenSearchTestClient search) throws Exception {
        installIndexTemplates(search);
        kafka.createTopic(TOPIC, 2);
        JobSettings settings = testSettings(kafka, openSearch, TOPIC).build();
        kafka.createTopic(settings.invalidTopic(), 1);
        JobClient job = startJob(settings);
        List<ConsumerRecord<String, String>> deadLetters;
        try {
            kafka.produce(List.of(
                    on(0, "visitor-a", A1), on(0, "visitor-a", A2), on(0, "visitor-a", A3), on(0, "visitor-a", A3),
                    on(0, "visitor-a", A4), on(0, "crawler-c", C1),
                    on(0, "shop/visitor-x", MALFORMED), on(0, "shop/visitor-x", WRONG_TYPE),
                    clock(0, "k0", "11:30:00"),
                    on(1, "visitor-m", M1), on(1, "visitor-b", B1), on(1, "visitor-m", M2),
                    on(1, "shop/visitor-x", UNKNOWN_TYPE), on(1, "shop/visitor-x", TOO_LARGE),
                    on(1, "/visitor-x", NO_SITE),
                    clock(1, "k1", "11:30:00")));

            // B's session closes once the watermark passed 11:01:30: from here on, the 10:00
            // window is final, while windows from 10:30 on stay open to the end of the test.
            String sessionB = DocumentIds.sessionId(SHOP, "visitor-b", "b1");
            eventually(() -> {
                JsonNode b = documents(search, IndexFamily.SESSIONS, SHOP).get(sessionB);
                assertThat(b).as("B's session").isNotNull();
                assertThat(b.path("is_open").asBoolean()).as("B's session is open").isFalse();
            });

            // Each partition ends with a clock after its late events, so the watermark moves on
            // after they are processed and their close timers fire, whatever the interleaving.
            kafka.produce(List.of(
                    on(0, "visitor-a", A5), on(0, "visitor-e", E1), clock(0, "k2", "11:30:30"), clock(0, "k4", "11:30:45"),
                    on(1, "visitor-m", M3), clock(1, "k3", "11:30:30"), clock(1, "k5", "11:30:45")));

            eventually(() -> assertThat(withoutUpdatedAt(documents(search, IndexFamily.SESSIONS, SHOP)))
                    .isEqualTo(expectedSessions()));
            eventually(() -> assertThat(documents(search, IndexFamily.EVENTS, SHOP)).isEqualTo(expectedEvents()));
            eventually(() -> assertThat(sansUpdatedAt(documents(search, IndexFamily.ROLLUPS, SHOP)))
                    .isEqualTo(expectedRollups()));
            eventually(() -> assertThat(healthTotals(search, SHOP)).isEqualTo(Map.of(
                    "events", 12L, "duplicates", 1L, "late_events", 1L, "invalid_events", 3L)));
            eventually(() -> assertThat(healthTotals(search, "_unknown")).isEqualTo(Map.of(
                    "events", 0L, "duplicates", 0L, "late_events", 0L, "invalid_events", 2L)));
            eventually(() -> assertThat(invalidDocuments(search)).isEqualTo(expectedInvalid()));
            // Read while the job runs: its at-least-once Kafka sink flushes on checkpoints, and a
            // cancel drops what it has not flushed yet.
            deadLetters = kafka.consumeAtLeast(settings.invalidTopic(), 5);
        } finally {
            job.cancel().get();
        }
        assertThat(documents(search, IndexFamily.EVENTS, SHOP).values()).allSatisfy(event -> assertThat(
                documents(search, IndexFamily.SESSIONS, SHOP)).containsKey(event.path("session_id").asText()));
        assertThat(indexOf(search, IndexFamily.EVENTS, SHOP).values()).containsOnly("footfall-events-2026.03.02");

        assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                "shop/visitor-x", "shop/visitor-x", "shop/visitor-x", "shop/visitor-x", "/visitor-x");
        assertThat(deadLetters).extracting(r -> read(r.value()).path("reason").asText())
                .containsExactlyInAnyOrder("malformed_json", "wrong_type", "unknown_type", "event_too_large",
                        "missing_site");
        JsonNode wrongType = deadLetters.stream().map(r -> read(r.value()))
                .filter(j -> j.path("reason").asText().equals("wrong_type")).findFirst().orElseThrow();
        assertThat(wrongType.path("payload").asText()).isEqualTo(WRONG_TYPE);
        assertThat(wrongType.path("site_id").asText()).isEqualTo(SHOP);
        assertThat(wrongType.path("received_at").asText()).isEqualTo("2026-03-02T10:03:00.000Z");
        assertThat(wrongType.path("topic").asText()).isEqualTo(TOPIC);
        assertThat(wrongType.path("partition").asInt()).isZero();
        assertThat(wrongType.path("offset").asLong()).isEqualTo(7);
    }

    // ---- the documents, written down by hand ------------------------------------------------

    private static Map<String, JsonNode> expectedEvents() {
        String sessionA = DocumentIds.sessionId(SHOP, "visitor-a", "a1");
        String sessionM = DocumentIds.sessionId(SHOP, "visitor-m", "m1");
        Map<String, JsonNode> events = new LinkedHashMap<>();
        // Every event of A's visit carries the visit's attributes: from Google, entered on /, Firefox.
        // The event's own source is its own: internal for the pages after the first, direct for
        // the sign-up (a custom event sent without a referrer), hacker news for the late a5.
        Map<String, Object> visitA = visit("google", "organic", "https://www.google.com/search", "www.google.com", "/",
                FIREFOX);
        events.put("shop:a1", event("a1", "visitor-a", sessionA, "10:00:10", "page", null, "/", FIREFOX, with(visitA,
                "page_title", "Shop", "referrer", "https://www.google.com/search", "referrer_host", "www.google.com",
                "source", "google", "medium", "organic")));
        events.put("shop:a2", event("a2", "visitor-a", sessionA, "10:01:30", "page", null, "/pricing", FIREFOX, with(
                visitA, "page_title", "Pricing", "referrer", "https://shop.example/", "referrer_host", "shop.example",
                "source", "internal", "medium", "internal")));
        Map<String, Object> signedUp = with(visitA, "source", "direct", "medium", "none",
                "properties", Map.of("plan", "pro", "seats", 3), "properties_kv", List.of("plan=pro", "seats=3"));
        events.put("shop:a3", event("a3", "visitor-a", sessionA, "10:02:10", "track", "Signed Up", "/pricing", FIREFOX,
                signedUp));
        events.put("shop:a4", event("a4", "visitor-a", sessionA, "10:01:50", "page", null, "/docs", FIREFOX, with(visitA,
                "referrer", "https://shop.example/pricing", "referrer_host", "shop.example",
                "source", "internal", "medium", "internal")));
        events.put("shop:a5", event("a5", "visitor-a", sessionA, "10:31:00", "page", null, "/blog", FIREFOX, with(visitA,
                "referrer", "https://news.ycombinator.com/item", "referrer_host", "news.ycombinator.com",
                "source", "hacker news", "medium", "social")));
        events.put("shop:b1", event("b1", "visitor-b", DocumentIds.sessionId(SHOP, "visitor-b", "b1"), "10:31:30",
                "page", null, "/", IPHONE, with(visit("direct", "none", null, null, "/", IPHONE), DIRECT)));
        events.put("shop:c1", event("c1", "crawler-c", DocumentIds.sessionId(SHOP, "crawler-c", "c1"), "10:00:30",
                "page", null, "/", BOT, with(visit("direct", "none", null, null, "/", BOT), DIRECT)));
        Map<String, Object> visitM = with(visit("direct", "none", null, null, "/m1", FIREFOX), DIRECT);
        events.put("shop:m1", event("m1", "visitor-m", sessionM, "10:30:00", "page", null, "/m1", FIREFOX, visitM));
        // m2 opened a session of its own (entered on /m2); the bridging m3 merged it into m1's, and
        // repointed m2 with the surviving visit's attributes (entered on /m1). A partial update
        // sends every copied attribute, those the visit lacks as null: they stay in m2's source.
        Map<String, Object> repointed = new HashMap<>(visitM);
        for (String cleared : List.of("visit_campaign", "visit_referrer", "visit_referrer_host", "visit_utm_content",
                "visit_utm_term", "visit_country")) {
            repointed.put(cleared, null);
        }
        events.put("shop:m2", event("m2", "visitor-m", sessionM, "11:10:00", "page", null, "/m2", FIREFOX, repointed));
        events.put("shop:m3", event("m3", "visitor-m", sessionM, "10:50:00", "page", null, "/m3", FIREFOX, visitM));
        events.put("shop:e1", event("e1", "visitor-e", DocumentIds.sessionId(SHOP, "visitor-e", "e1"), "10:05:00",
                "page", null, "/", IPHONE, with(visit("direct", "none", null, null, "/", IPHONE), DIRECT)));
        return events;
    }

    /** The visit attributes an event document copies from its session (docs/index-schema.md). */
    private static Map<String, Object> visit(String source, String medium, String referrer, String referrerHost,
            String entryPage, Map<String, Object> device) {
        Map<String, Object> visit = new LinkedHashMap<>();
        visit.put("visit_source", source);
        visit.put("visit_medium", medium);
        if (referrer != null) {
            visit.put("visit_referrer", referrer);
            visit.put("visit_referrer_host", referrerHost);
        }
        visit.put("visit_entry_page", entryPage);
        visit.put("visit_device_type", device.get("device_type"));
        visit.put("visit_browser", device.get("browser"));
        visit.put("visit_os", device.get("os"));
        return visit;
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> out = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            out.put((String) more[i], more[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> out = new HashMap<>(base);
        out.putAll(more);
        return out;
    }

    private static final Map<String, Object> DIRECT = Map.of("source", "direct", "medium", "none");
    private static final Map<String, Object> FIREFOX = Map.of("browser", "Firefox", "browser_version", "125.0",
            "os", "Mac OS", "os_version", ">=10.15.7", "device_type", "desktop", "is_bot", false);
    private static final Map<String, Object> IPHONE = Map.of("browser", "Safari", "browser_version", "17.4",
            "os", "iOS", "os_version", "17.4", "device_type", "mobile", "is_bot", false);
    private static final Map<String, Object> BOT = Map.of("browser", "Googlebot", "browser_version", "2.1",
            "os", "Google Cloud", "device_type", "bot", "is_bot", true);

    private static JsonNode event(String messageId, String visitor, String sessionId, String time, String type,
            String eventName, String path, Map<String, Object> device, Map<String, Object> extra) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", "2026-03-02T" + time + ".000Z");
        doc.put("received_at", "2026-03-02T" + time.substring(0, 6) + String.format("%02d",
                Integer.parseInt(time.substring(6)) + 2) + ".000Z");
        doc.put("site_id", SHOP);
        doc.put("message_id", messageId);
        doc.put("type", type);
        if (eventName != null) {
            doc.put("event_name", eventName);
        }
        doc.put("interactive", type.equals("track"));
        doc.put("visitor_id", visitor);
        doc.put("anonymous_id", visitor);
        doc.put("session_id", sessionId);
        doc.put("page_url", "https://shop.example" + path);
        doc.put("page_host", "shop.example");
        doc.put("page_path", path);
        doc.put("locale", "en-US");
        doc.put("library_name", "footfall.js");
        doc.put("library_version", "0.1.0");
        doc.putAll(device);
        doc.putAll(extra);
        return normalized(doc);
    }

    private static Map<String, JsonNode> expectedSessions() {
        Map<String, JsonNode> sessions = new LinkedHashMap<>();
        // Pages in the order the job saw them (partition order: a4 came before the late a5).
        put(sessions, session("visitor-a", "a1", "10:00:10", "10:31:00", 1850, 4, 5, "/", "/blog", false, false,
                FIREFOX, with(Map.of("source", "google", "medium", "organic", "referrer", "https://www.google.com/search",
                        "referrer_host", "www.google.com"), lists(List.of("/", "/pricing", "/docs", "/blog"),
                        List.of("Signed Up"), List.of("plan=pro", "seats=3")))));
        put(sessions, session("visitor-b", "b1", "10:31:30", "10:31:30", 0, 1, 1, "/", "/", true, false, IPHONE,
                with(DIRECT, lists(List.of("/"), List.of(), List.of()))));
        put(sessions, session("crawler-c", "c1", "10:00:30", "10:00:30", 0, 1, 1, "/", "/", true, false, BOT,
                with(DIRECT, lists(List.of("/"), List.of(), List.of()))));
        // m1's session, then the absorbed m2's, then the bridging m3.
        put(sessions, session("visitor-m", "m1", "10:30:00", "11:10:00", 2400, 3, 3, "/m1", "/m2", false, true,
                FIREFOX, with(DIRECT, lists(List.of("/m1", "/m2", "/m3"), List.of(), List.of()))));
        put(sessions, session("visitor-e", "e1", "10:05:00", "10:05:00", 0, 1, 1, "/", "/", true, false, IPHONE,
                with(DIRECT, lists(List.of("/"), List.of(), List.of()))));
        return sessions;
    }

    /** What a session lists of its events; every page of the script is on shop.example. */
    private static Map<String, Object> lists(List<String> pages, List<String> eventNames, List<String> propsKv) {
        Map<String, Object> lists = new LinkedHashMap<>();
        lists.put("pages", pages);
        if (!eventNames.isEmpty()) {
            lists.put("event_names", eventNames);
        }
        lists.put("hostnames", List.of("shop.example"));
        if (!propsKv.isEmpty()) {
            lists.put("props_kv", propsKv);
        }
        lists.put("lists_complete", true);
        return lists;
    }

    private static void put(Map<String, JsonNode> docs, JsonNode doc) {
        docs.put(doc.path("session_id").asText(), doc);
    }

    private static JsonNode session(String visitor, String openedBy, String start, String end, long duration,
            int pageviews, int events, String entry, String exit, boolean bounce, boolean open,
            Map<String, Object> device, Map<String, Object> source) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", "2026-03-02T" + start + ".000Z");
        doc.put("session_id", DocumentIds.sessionId(SHOP, visitor, openedBy));
        doc.put("site_id", SHOP);
        doc.put("visitor_id", visitor);
        doc.put("start", "2026-03-02T" + start + ".000Z");
        doc.put("end", "2026-03-02T" + end + ".000Z");
        doc.put("duration_seconds", duration);
        doc.put("pageviews", pageviews);
        doc.put("events", events);
        doc.put("entry_page", entry);
        doc.put("exit_page", exit);
        doc.put("is_bounce", bounce);
        doc.putAll(source);
        doc.put("device_type", device.get("device_type"));
        doc.put("browser", device.get("browser"));
        doc.put("os", device.get("os"));
        doc.put("is_bot", device.get("is_bot"));
        doc.put("is_open", open);
        return normalized(doc);
    }

    private static Map<String, Map<String, Object>> expectedRollups() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        site(rows, "10:00", 2, 2, 2, 1);
        site(rows, "10:01", 2, 2, 0, 0);
        site(rows, "10:02", 0, 1, 0, 0);
        site(rows, "10:30", 1, 1, 1, 0);
        site(rows, "10:31", 2, 2, 1, 1);
        site(rows, "10:50", 1, 1, 0, 0);
        site(rows, "11:10", 1, 1, 0, 0);
        row(rows, "10:02", "event", "Signed Up", 0, 1);
        row(rows, "10:00", "page", "/", 2, 2);
        row(rows, "10:01", "page", "/pricing", 1, 1);
        row(rows, "10:01", "page", "/docs", 1, 1);
        row(rows, "10:30", "page", "/m1", 1, 1);
        row(rows, "10:31", "page", "/", 1, 1);
        row(rows, "10:31", "page", "/blog", 1, 1);
        row(rows, "10:50", "page", "/m3", 1, 1);
        row(rows, "11:10", "page", "/m2", 1, 1);
        return rows;
    }

    private static void site(Map<String, Map<String, Object>> rows, String minute, long pageviews, long events,
            long sessions, long bounces) {
        Map<String, Object> doc = row(rows, minute, "site", "*", pageviews, events);
        doc.put("sessions", sessions);
        doc.put("bounces", bounces);
    }

    private static Map<String, Object> row(Map<String, Map<String, Object>> rows, String minute, String dimension,
            String key, long pageviews, long events) {
        Instant start = at(minute + ":00");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", IndexDays.timestamp(start.toEpochMilli()));
        doc.put("window_end", IndexDays.timestamp(start.toEpochMilli() + 60_000));
        doc.put("site_id", SHOP);
        doc.put("dimension", dimension);
        doc.put("key", key);
        doc.put("pageviews", pageviews);
        doc.put("events", events);
        doc.put("sessions", 0L);
        doc.put("bounces", 0L);
        rows.put(DocumentIds.rollupId(SHOP, start.toEpochMilli(), dimension, key), doc);
        return doc;
    }

    private static Map<String, Map<String, Object>> expectedInvalid() {
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        docs.put(TOPIC + "-0-6", invalid("malformed_json", null, null, MALFORMED, 0, 6));
        docs.put(TOPIC + "-0-7", invalid("wrong_type", "'properties' must be an object", "2026-03-02T10:03:00.000Z",
                WRONG_TYPE, 0, 7));
        docs.put(TOPIC + "-1-3", invalid("unknown_type",
                "'type' must be one of track, page, screen, identify, group, alias", "2026-03-02T10:04:00.000Z",
                UNKNOWN_TYPE, 1, 3));
        docs.put(TOPIC + "-1-4", invalid("event_too_large", null, "2026-03-02T10:04:32.000Z",
                TOO_LARGE.substring(0, 32 * 1024), 1, 4));
        docs.put(TOPIC + "-1-5", invalid("missing_site",
                "a raw-topic record needs the gateway's 'siteId' and 'receivedAt'", "2026-03-02T10:05:00.000Z",
                NO_SITE, 1, 5));
        docs.get(TOPIC + "-0-7").put("site_id", SHOP);
        docs.get(TOPIC + "-1-3").put("site_id", SHOP);
        docs.get(TOPIC + "-1-4").put("site_id", SHOP);
        docs.get(TOPIC + "-1-4").put("payload_bytes", TOO_LARGE.length());
        // Readable ids are kept so erasure finds rejected records; the malformed one has none.
        for (String id : List.of("-0-7", "-1-3", "-1-4", "-1-5")) {
            docs.get(TOPIC + id).put("anonymous_id", "visitor-x");
        }
        return JSON.convertValue(normalized(docs), new TypeReference<>() {
        });
    }

    /** Messages and times that depend on the parser's wording or the clock are checked apart. */
    private static Map<String, Object> invalid(String reason, String message, String timestamp, String payload,
            int partition, long offset) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("reason", reason);
        if (message != null) {
            doc.put("message", message);
        }
        if (timestamp != null) {
            doc.put("@timestamp", timestamp);
        }
        doc.put("payload", payload);
        doc.put("payload_bytes", payload.length());
        doc.put("kafka_topic", TOPIC);
        doc.put("kafka_partition", partition);
        doc.put("kafka_offset", offset);
        return doc;
    }

    private static Map<String, Map<String, Object>> invalidDocuments(OpenSearchTestClient search) {
        search.refresh(IndexFamily.INVALID.indexPattern());
        JsonNode hits = search.search(IndexFamily.INVALID.indexPattern(),
                "{\"size\":100,\"query\":{\"match\":{\"kafka_topic\":\"" + TOPIC + "\"}}}").path("hits").path("hits");
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        for (JsonNode hit : hits) {
            Map<String, Object> doc = JSON.convertValue(hit.path("_source"), new TypeReference<>() {
            });
            String reason = (String) doc.get("reason");
            if (reason.equals("malformed_json")) {
                assertThat((String) doc.remove("message")).startsWith("Unexpected end-of-input");
                // The Kafka record's time, as the record has no readable receipt time.
                assertThat((String) doc.remove("@timestamp")).isNotBlank();
            }
            if (reason.equals("event_too_large")) {
                assertThat((String) doc.remove("message")).matches("the event is \\d+ bytes; the limit is 32768");
            }
            docs.put(hit.path("_id").asText(), doc);
        }
        return docs;
    }

    private static Map<String, Map<String, Object>> sansUpdatedAt(Map<String, JsonNode> docs) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        docs.forEach((id, doc) -> {
            Map<String, Object> map = JSON.convertValue(doc, new TypeReference<>() {
            });
            assertThat(map.remove("updated_at")).isNotNull();
            map.replaceAll((k, v) -> v instanceof Integer i ? (Object) i.longValue() : v);
            out.put(id, map);
        });
        return out;
    }

    /** {@code updated_at} is the processing time of the last write: present, but not scripted. */
    private static Map<String, JsonNode> withoutUpdatedAt(Map<String, JsonNode> docs) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        docs.forEach((id, doc) -> {
            com.fasterxml.jackson.databind.node.ObjectNode copy = doc.deepCopy();
            assertThat(copy.remove("updated_at")).as("updated_at of %s", id).isNotNull();
            out.put(id, copy);
        });
        return out;
    }

    private static Map<String, Long> healthTotals(OpenSearchTestClient search, String site) {
        Map<String, Long> totals = new LinkedHashMap<>(Map.of("events", 0L, "duplicates", 0L, "late_events", 0L,
                "invalid_events", 0L));
        for (JsonNode doc : documents(search, IndexFamily.HEALTH, site).values()) {
            totals.replaceAll((field, sum) -> sum + doc.path(field).asLong());
            assertThat(doc.path("lag_ms_max").asLong()).isGreaterThanOrEqualTo(doc.path("lag_ms_avg").asLong());
        }
        return totals;
    }

    /** As OpenSearch returns it: small numbers read back as ints, whatever Java type wrote them. */
    private static JsonNode normalized(Object doc) {
        try {
            return JSON.readTree(JSON.writeValueAsString(doc));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
