package dev.footfall.console;

import static dev.footfall.job.RawEvents.CHROME_ANDROID;
import static dev.footfall.job.RawEvents.CHROME_WINDOWS;
import static dev.footfall.job.RawEvents.FIREFOX_MAC;
import static dev.footfall.job.RawEvents.GOOGLEBOT;
import static dev.footfall.job.RawEvents.SAFARI_IPHONE;
import static dev.footfall.job.RawEvents.page;
import static dev.footfall.job.RawEvents.track;

import dev.footfall.job.RawEvents;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Three days of a shop in New York (America/New_York, UTC-5 in March), as raw-topic records for
 * the real job. Times are UTC; the local time is in brackets. The shop's day 2 March ends at
 * 3 March 05:00 UTC, so the evening visits below fall on different days in New York and in UTC.
 * 1 March is the day of a late event that changes a visit's source and of a merge: the day the
 * combined queries (a visit attribute with an event attribute) are checked on.
 *
 * <pre>
 * partition 0, 1 March
 *   fay   Chrome / Windows NT / desktop, DE
 *         1 Mar 15:10 [10:10] page /pricing (referrer: the shop's home page, so its own source is
 *         "internal")   15:12 [10:12] track "Clicked Buy" {plan: pro} on /pricing
 *   hal   Safari / iOS / mobile, not placed, from Twitter (https://t.co/xyz)
 *         1 Mar 15:50 [10:50] page /pricing (a bounce; it moves event time past fay's visit's end)
 *   fay   then, late: 1 Mar 15:05 [10:05] page / from Twitter (https://t.co/abc): the visit now
 *         starts here, so its source becomes twitter and its entry page /, on all three events
 * partition 1, 1 March
 *   gus   Firefox / Mac OS / desktop, DE
 *         1 Mar 16:00 [11:00] page /blog from Hacker News: a visit of its own
 *         1 Mar 16:50 [11:50] page /pricing (direct)   16:51 [11:51] track "Signed Up" {plan: team}:
 *         a second visit (50 minutes later), direct, entered on /pricing
 *         then, late: 1 Mar 16:25 [11:25] page /docs (referrer /blog) bridges the two. The second
 *         visit survives (two events against one), takes the first one's start, so its source is
 *         hacker news and its entry page /blog; every event of both now says so
 * partition 0, 2 and 3 March
 *   eve   Chrome / Windows NT / desktop, DE, direct
 *         2 Mar 12:00:00 [07:00] page /     12:00:30 [07:00:30] track "Clicked Buy" {plan: team}
 *         (one page view and an interactive event: not a bounce; 30 s)
 *   anna  Firefox / Mac OS / desktop, DE, from a Google search
 *         2 Mar 23:50 [18:50] page /    23:52 [18:52] page /pricing
 *         3 Mar 00:10 [2 Mar 19:10] page /docs
 *         then, out of order and behind the watermark (within the allowed lateness):
 *         2 Mar 23:53 [18:53] track "Signed Up" {plan: pro}, and the same record again (a retry)
 *         (one visit of 20 minutes across UTC midnight, not New York's)
 *   ben   Safari / iOS / mobile, not placed, from the newsletter (utm_source=newsletter,
 *         utm_medium=email, utm_campaign=spring, utm_content=hero, utm_term=shoes)
 *         3 Mar 04:30 [2 Mar 23:30] page /pricing (a bounce)
 *   -     a track record without an event name (invalid: missing_event_name)
 * partition 1, 3 March
 *   bot   Googlebot: 3 Mar 01:00 page /
 *   cara  Chrome / Android / mobile, DE, from Hacker News
 *         3 Mar 05:30 [00:30] page /blog    05:31 [00:31] track "Scrolled" {depth: 50, nonInteraction: true}
 *         (a bounce: the only custom event is not interactive; 60 s)
 *   -     a truncated record (invalid: malformed_json)
 * both partitions: a clock record of another site at 3 Mar 08:00, moving event time on
 * later, partition 1, once cara's visit has closed (so past the allowed lateness of one hour):
 *   dan   Firefox / Mac OS / desktop, not placed, direct: 3 Mar 05:10 [00:10] page / (a bounce)
 * </pre>
 *
 * Visits (the sessions the job writes): on 1 March fay 420 s (15:05 to 15:12), 2 views, 3 events,
 * twitter, entry /; hal 0 s, 1 view, 1 event, bounce, twitter, entry /pricing; gus 3,060 s (16:00
 * to 16:51), 3 views, 4 events, hacker news, entry /blog. On 2 and 3 March eve 30 s, 1 view,
 * 2 events; anna 1,200 s, 3 views, 4 events; ben 0 s, 1 view, 1 event, bounce; cara 60 s,
 * 1 view, 2 events, bounce; dan 0 s, 1 view, 1 event, bounce.
 */
final class ScriptedShop {

    static final String SITE = "shop";
    static final String ZONE = "America/New_York";
    static final String CLOCK = "clock";
    /** Not placed by the test's GeoIP database (eve, anna and cara keep RawEvents' 203.0.113.0, in DE). */
    private static final String UNPLACED = "198.51.100.0";
    private static final String SHOP = "https://shop.example";

    private ScriptedShop() {
    }

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    static List<ProducerRecord<String, String>> onTime(String topic) {
        RawEvents f2 = page(SITE, "fay", "f2", at("2026-03-01T15:10:00Z"), SHOP + "/pricing")
                .referrer(SHOP + "/").userAgent(CHROME_WINDOWS);
        RawEvents f3 = track(SITE, "fay", "f3", at("2026-03-01T15:12:00Z"), "Clicked Buy", SHOP + "/pricing")
                .property("plan", "pro").userAgent(CHROME_WINDOWS);
        RawEvents h1 = page(SITE, "hal", "h1", at("2026-03-01T15:50:00Z"), SHOP + "/pricing")
                .referrer("https://t.co/xyz").userAgent(SAFARI_IPHONE).clientAddress(UNPLACED);
        RawEvents f1 = page(SITE, "fay", "f1", at("2026-03-01T15:05:00Z"), SHOP + "/")
                .referrer("https://t.co/abc").userAgent(CHROME_WINDOWS);
        RawEvents u1 = page(SITE, "gus", "u1", at("2026-03-01T16:00:00Z"), SHOP + "/blog")
                .referrer("https://news.ycombinator.com/item?id=7").userAgent(FIREFOX_MAC);
        RawEvents u3 = page(SITE, "gus", "u3", at("2026-03-01T16:50:00Z"), SHOP + "/pricing").userAgent(FIREFOX_MAC);
        RawEvents u4 = track(SITE, "gus", "u4", at("2026-03-01T16:51:00Z"), "Signed Up", SHOP + "/pricing")
                .property("plan", "team").userAgent(FIREFOX_MAC);
        RawEvents u2 = page(SITE, "gus", "u2", at("2026-03-01T16:25:00Z"), SHOP + "/docs")
                .referrer(SHOP + "/blog").userAgent(FIREFOX_MAC);
        RawEvents e1 = page(SITE, "eve", "e1", at("2026-03-02T12:00:00Z"), SHOP + "/").userAgent(CHROME_WINDOWS);
        RawEvents e2 = track(SITE, "eve", "e2", at("2026-03-02T12:00:30Z"), "Clicked Buy", SHOP + "/")
                .property("plan", "team").userAgent(CHROME_WINDOWS);
        RawEvents a1 = page(SITE, "anna", "a1", at("2026-03-02T23:50:00Z"), SHOP + "/")
                .referrer("https://www.google.com/search?q=running+shoes").userAgent(FIREFOX_MAC);
        RawEvents a2 = page(SITE, "anna", "a2", at("2026-03-02T23:52:00Z"), SHOP + "/pricing")
                .referrer(SHOP + "/").userAgent(FIREFOX_MAC);
        RawEvents a4 = page(SITE, "anna", "a4", at("2026-03-03T00:10:00Z"), SHOP + "/docs")
                .referrer(SHOP + "/pricing").userAgent(FIREFOX_MAC);
        RawEvents a3 = track(SITE, "anna", "a3", at("2026-03-02T23:53:00Z"), "Signed Up", SHOP + "/pricing")
                .property("plan", "pro").userAgent(FIREFOX_MAC);
        RawEvents b1 = page(SITE, "ben", "b1", at("2026-03-03T04:30:00Z"), SHOP
                + "/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_content=hero&utm_term=shoes")
                .userAgent(SAFARI_IPHONE).clientAddress(UNPLACED);
        String missingName = "{\"type\":\"track\",\"messageId\":\"x1\",\"anonymousId\":\"ghost\","
                + "\"timestamp\":\"2026-03-03T04:40:00Z\",\"receivedAt\":\"2026-03-03T04:40:02Z\",\"siteId\":\"shop\"}";
        RawEvents g1 = page(SITE, "googlebot", "g1", at("2026-03-03T01:00:00Z"), SHOP + "/").userAgent(GOOGLEBOT);
        RawEvents c1 = page(SITE, "cara", "c1", at("2026-03-03T05:30:00Z"), SHOP + "/blog")
                .referrer("https://news.ycombinator.com/item?id=42").userAgent(CHROME_ANDROID);
        RawEvents c2 = track(SITE, "cara", "c2", at("2026-03-03T05:31:00Z"), "Scrolled", SHOP + "/blog")
                .property("depth", 50).property("nonInteraction", true).userAgent(CHROME_ANDROID);
        String malformed = "{\"type\":\"page\",\"messageId\":\"x2\",\"siteId\":\"shop\"";
        return List.of(
                record(topic, 0, "fay", f2), record(topic, 0, "fay", f3), record(topic, 0, "hal", h1),
                record(topic, 0, "fay", f1),
                record(topic, 1, "gus", u1), record(topic, 1, "gus", u3), record(topic, 1, "gus", u4),
                record(topic, 1, "gus", u2),
                record(topic, 0, "eve", e1), record(topic, 0, "eve", e2),
                record(topic, 0, "anna", a1), record(topic, 0, "anna", a2), record(topic, 0, "anna", a4),
                record(topic, 0, "anna", a3), record(topic, 0, "anna", a3),
                record(topic, 0, "ben", b1),
                new ProducerRecord<>(topic, 0, SITE + "/ghost", missingName),
                clock(topic, 0, "k0", "2026-03-03T08:00:00Z"),
                record(topic, 1, "googlebot", g1),
                record(topic, 1, "cara", c1), record(topic, 1, "cara", c2),
                new ProducerRecord<>(topic, 1, SITE + "/ghost", malformed),
                clock(topic, 1, "k1", "2026-03-03T08:00:00Z"));
    }

    /** Dan's page view, late beyond the allowed lateness, and clocks that move event time past it. */
    static List<ProducerRecord<String, String>> late(String topic) {
        RawEvents d1 = page(SITE, "dan", "d1", at("2026-03-03T05:10:00Z"), SHOP + "/")
                .userAgent(FIREFOX_MAC).clientAddress(UNPLACED);
        return List.of(record(topic, 1, "dan", d1),
                clock(topic, 0, "k2", "2026-03-03T08:00:30Z"), clock(topic, 1, "k3", "2026-03-03T08:00:30Z"));
    }

    private static ProducerRecord<String, String> record(String topic, int partition, String visitor, RawEvents event) {
        return new ProducerRecord<>(topic, partition, SITE + "/" + visitor, event.json());
    }

    private static ProducerRecord<String, String> clock(String topic, int partition, String messageId, String time) {
        return new ProducerRecord<>(topic, partition, CLOCK + "/clock-" + partition,
                page(CLOCK, "clock-" + partition, messageId, at(time), "https://clock.example/").json());
    }
}
