package dev.footfall.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.event.StrictJson;
import java.time.Instant;

/**
 * Raw-topic records as the gateway writes them: a Segment message plus the envelope
 * ({@code receivedAt}, {@code siteId}, {@code clientAddress}). Times are set without
 * {@code sentAt}, so the event time is exactly {@code timestamp}.
 */
public final class RawEvents {

    public static final String FIREFOX_MAC =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0";
    public static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    public static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    public static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    public static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    /** How long after the event the gateway received it. */
    public static final long RECEIPT_DELAY_MS = 2_000;

    private final ObjectNode json = StrictJson.mapper().createObjectNode();
    private final ObjectNode context = json.putObject("context");

    private RawEvents(String type, String site, String visitor, String messageId, Instant time) {
        json.put("type", type);
        json.put("messageId", messageId);
        json.put("anonymousId", visitor);
        json.put("timestamp", time.toString());
        json.put("receivedAt", time.plusMillis(RECEIPT_DELAY_MS).toString());
        json.put("siteId", site);
        json.put("clientAddress", "203.0.113.0");
        context.putObject("library").put("name", "footfall.js").put("version", "0.1.0");
        context.put("locale", "en-US");
    }

    public static RawEvents page(String site, String visitor, String messageId, Instant time, String url) {
        RawEvents e = new RawEvents("page", site, visitor, messageId, time);
        e.context.putObject("page").put("url", url);
        return e;
    }

    public static RawEvents track(String site, String visitor, String messageId, Instant time, String name, String url) {
        RawEvents e = new RawEvents("track", site, visitor, messageId, time);
        e.json.put("event", name);
        e.context.putObject("page").put("url", url);
        return e;
    }

    public RawEvents referrer(String referrer) {
        ((ObjectNode) context.get("page")).put("referrer", referrer);
        return this;
    }

    public RawEvents title(String title) {
        ((ObjectNode) context.get("page")).put("title", title);
        return this;
    }

    public RawEvents userAgent(String userAgent) {
        context.put("userAgent", userAgent);
        return this;
    }

    /** The (already truncated) address the gateway saw; 203.0.113.0 unless set. */
    public RawEvents clientAddress(String address) {
        json.put("clientAddress", address);
        return this;
    }

    public RawEvents property(String key, boolean value) {
        properties().put(key, value);
        return this;
    }

    public RawEvents property(String key, String value) {
        properties().put(key, value);
        return this;
    }

    public RawEvents property(String key, long value) {
        properties().put(key, value);
        return this;
    }

    private ObjectNode properties() {
        if (!json.has("properties")) {
            json.putObject("properties");
        }
        return (ObjectNode) json.get("properties");
    }

    public String json() {
        return json.toString();
    }
}
