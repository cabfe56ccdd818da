package dev.footfall.local.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.event.Envelope;
import dev.footfall.event.EventCodec;
import dev.footfall.event.EventContext;
import dev.footfall.event.EventType;
import dev.footfall.event.Library;
import dev.footfall.event.PageContext;
import dev.footfall.event.StrictJson;
import dev.footfall.event.TrackedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Twenty minutes of one shop's traffic as raw-topic records, the way the gateway writes them
 * ({@link EventCodec#toRecord}, key {@code site/visitor}, receipt 2 s after the event), plus a few
 * records the gateway would never write. Times are minutes and seconds after {@code t0}, which the
 * test puts 20 minutes before now, so the last minute is what the realtime dashboard shows.
 *
 * <pre>
 * partition 0
 *   anna  Firefox / Mac OS / desktop, network 203.0.113.0 (DE), from a Google search
 *         1:00 page /    1:40 page /pricing    2:30 track "Signed Up" {plan: pro, seats: 3}
 *         2:30 the same record again (the gateway's write retried)    3:15 page /docs
 *   ben   Safari / iOS / mobile, from the spring_sale newsletter (utm_* in the page URL)
 *         4:00 page /pricing (a bounce)
 *   -     5:40 a record whose properties are a string (wrong_type)
 *   ben   back, direct: 19:00 page /    19:20 track "Clicked Buy" {plan: team, button: hero}
 *         19:50 page /pricing
 * partition 1
 *   cara  Chrome / Android / mobile, network 203.0.113.0 (DE), from Hacker News
 *         6:00 page /blog    7:00 track "Scrolled" {depth: 50, nonInteraction: true}
 *         (a bounce: the only custom event does not count as interaction)
 *   -     7:10 a track record without an event name (missing_event_name)
 *   -     8:20 (Kafka record time) a truncated record: malformed_json, no readable site
 *   finn  Chrome / Windows / desktop, direct: 14:20 page /docs (a bounce)
 *   cara  back, direct: 19:10 page /pricing
 *   bot   Googlebot: 19:30 page /    19:50 page /pricing
 * later, partition 0, once event time has passed 19:19.999 (watermark = 19:50 - 30 s - 1 ms)
 *   dan   Firefox / Mac OS / desktop, from a Bing search: 2:10 page /pricing, reaching Kafka only
 *         now, later than the allowed lateness of 10 minutes
 * </pre>
 *
 * <p>Finn's session is the clock of the test: with a 5-minute session gap it closes exactly when
 * the watermark reaches its final 19:19.999, so once it shows as closed, every window and session
 * decision that depends on event time has been taken and Dan's event is late by construction.
 */
final class ScriptedTraffic {

    static final String SITE = "shop";
    /** The one network the test's GeoIP database places, in Germany (Berlin). */
    static final int[] GERMAN_NETWORK = {203, 0, 113};

    static final String FIREFOX_MAC =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0";
    static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private static final Duration RECEIPT_DELAY = Duration.ofSeconds(2);
    private static final String SHOP = "https://shop.example";

    /** A visitor: anonymous id, browser and the (already truncated) address the gateway saw. */
    record Visitor(String id, String userAgent, String network) {
    }

    static final Visitor ANNA = new Visitor("anna", FIREFOX_MAC, "203.0.113.0");
    static final Visitor BEN = new Visitor("ben", SAFARI_IPHONE, "198.51.100.0");
    static final Visitor CARA = new Visitor("cara", CHROME_ANDROID, "203.0.113.0");
    static final Visitor FINN = new Visitor("finn", CHROME_WINDOWS, "198.51.100.0");
    static final Visitor BOT = new Visitor("googlebot", GOOGLEBOT, "66.249.66.0");
    static final Visitor DAN = new Visitor("dan", FIREFOX_MAC, "198.51.100.0");
    static final Visitor EVE = new Visitor("eve", FIREFOX_MAC, "198.51.100.0");

    /** A valid event of the story; {@code late} events are sent after the rest, once time has moved on. */
    record Event(TrackedEvent event, int partition, boolean late) {
        Instant receivedAt() {
            return event.envelope().receivedAt();
        }
    }

    final Instant t0;

    final Event a1;
    final Event a2;
    final Event a3;
    final Event a4;
    final Event b1;
    final Event b2;
    final Event b3;
    final Event b4;
    final Event c1;
    final Event c2;
    final Event c3;
    final Event f1;
    final Event g1;
    final Event g2;
    final Event d1;

    private final List<ProducerRecord<String, String>> onTime = new ArrayList<>();
    private final List<ProducerRecord<String, String>> late = new ArrayList<>();
    private final String topic;

    ScriptedTraffic(Instant t0, String topic) {
        this.t0 = t0;
        this.topic = topic;
        // Partition 0, in event-time order, as a gateway appends them.
        a1 = send(0, page(ANNA, "a1", at(1, 0), "/", "Home", "https://www.google.com/search?q=running+shoes"));
        a2 = send(0, page(ANNA, "a2", at(1, 40), "/pricing", "Pricing", SHOP + "/"));
        a3 = send(0, track(ANNA, "a3", at(2, 30), "/pricing", "Signed Up", props("plan", "pro", "seats", 3)));
        send(0, a3.event()); // the same record twice: a retried write
        a4 = send(0, page(ANNA, "a4", at(3, 15), "/docs", "Docs", SHOP + "/pricing"));
        b1 = send(0, page(BEN, "b1", at(4, 0),
                "/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale", "Pricing", null));
        sendRaw(0, "shop/eve", "{\"type\":\"page\",\"messageId\":\"x1\",\"anonymousId\":\"eve\",\"properties\":\"abc\","
                + "\"timestamp\":\"" + at(5, 38) + "\",\"receivedAt\":\"" + at(5, 40) + "\",\"siteId\":\"shop\"}", null);
        b2 = send(0, page(BEN, "b2", at(19, 0), "/", "Home", null));
        b3 = send(0, track(BEN, "b3", at(19, 20), "/", "Clicked Buy", props("plan", "team", "button", "hero")));
        b4 = send(0, page(BEN, "b4", at(19, 50), "/pricing", "Pricing", null));

        // Partition 1.
        c1 = send(1, page(CARA, "c1", at(6, 0), "/blog", "Blog", "https://news.ycombinator.com/item?id=42"));
        c2 = send(1, track(CARA, "c2", at(7, 0), "/blog", "Scrolled", props("depth", 50, "nonInteraction", true)));
        send(1, event(EventType.TRACK, EVE, "x2", at(7, 8), "/", null, null).build()); // no event name
        String truncated = new String(EventCodec.toRecord(page(EVE, "x3", at(8, 18), "/", "Home", null)),
                StandardCharsets.UTF_8);
        sendRaw(1, "shop/eve", truncated.substring(0, truncated.length() / 2), at(8, 20));
        f1 = send(1, page(FINN, "f1", at(14, 20), "/docs", "Docs", null));
        c3 = send(1, page(CARA, "c3", at(19, 10), "/pricing", "Pricing", null));
        g1 = send(1, page(BOT, "g1", at(19, 30), "/", "Home", null));
        g2 = send(1, page(BOT, "g2", at(19, 50), "/pricing", "Pricing", null));

        d1 = new Event(page(DAN, "d1", at(2, 10), "/pricing", "Pricing", "https://www.bing.com/search?q=running+shoes"),
                0, true);
        late.add(record(d1.partition(), d1.event().partitionKey(), EventCodec.toRecord(d1.event()), null));
    }

    Instant at(int minutes, int seconds) {
        return t0.plusSeconds(minutes * 60L + seconds);
    }

    Instant minute(int minutes) {
        return at(minutes, 0);
    }

    /** Everything but the late event, in the order each partition holds it. */
    List<ProducerRecord<String, String>> onTimeRecords() {
        return List.copyOf(onTime);
    }

    /** Dan's event, to be sent once the watermark is final. */
    List<ProducerRecord<String, String>> lateRecords() {
        return List.copyOf(late);
    }

    private Event send(int partition, TrackedEvent event) {
        onTime.add(record(partition, event.partitionKey(), EventCodec.toRecord(event), null));
        return new Event(event, partition, false);
    }

    private void sendRaw(int partition, String key, String value, Instant kafkaTime) {
        onTime.add(record(partition, key, value.getBytes(StandardCharsets.UTF_8), kafkaTime));
    }

    private ProducerRecord<String, String> record(int partition, String key, byte[] value, Instant kafkaTime) {
        return new ProducerRecord<>(topic, partition, kafkaTime == null ? null : kafkaTime.toEpochMilli(), key,
                new String(value, StandardCharsets.UTF_8));
    }

    private static TrackedEvent page(Visitor visitor, String messageId, Instant time, String pathAndQuery, String title,
            String referrer) {
        return event(EventType.PAGE, visitor, messageId, time, pathAndQuery, title, referrer).build();
    }

    private static TrackedEvent track(Visitor visitor, String messageId, Instant time, String path, String name,
            ObjectNode properties) {
        return event(EventType.TRACK, visitor, messageId, time, path, null, null).event(name).properties(properties)
                .build();
    }

    private static dev.footfall.event.TrackedEventBuilder event(EventType type, Visitor visitor, String messageId,
            Instant time, String pathAndQuery, String title, String referrer) {
        EventContext context = new EventContext(new PageContext(SHOP + pathAndQuery, null, null, title, referrer), null,
                new Library("footfall.js", "0.1.0"), null, visitor.userAgent(), "en-US", null, null, null);
        return TrackedEvent.builder(type)
                .messageId(messageId)
                .anonymousId(visitor.id())
                .timestamp(time)
                .context(context)
                .envelope(new Envelope(time.plus(RECEIPT_DELAY), SITE, visitor.network(), null));
    }

    private static ObjectNode props(Object... keysAndValues) {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object value = keysAndValues[i + 1];
            if (value instanceof Integer n) {
                node.put(key, n);
            } else if (value instanceof Boolean b) {
                node.put(key, b);
            } else {
                node.put(key, (String) value);
            }
        }
        return node;
    }
}
