package dev.footfall.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Page views as the gateway writes them to the raw topic (no sentAt: the event time is the timestamp). */
final class RawPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawPages() {
    }

    static String page(String site, String visitor, String messageId, Instant time, String url) {
        ObjectNode json = JSON.createObjectNode();
        json.put("type", "page");
        json.put("messageId", messageId);
        json.put("anonymousId", visitor);
        json.put("timestamp", time.toString());
        json.put("receivedAt", time.plusSeconds(2).toString());
        json.put("siteId", site);
        json.put("clientAddress", "203.0.113.0");
        ObjectNode context = json.putObject("context");
        context.putObject("library").put("name", "footfall.js").put("version", "0.1.0");
        context.put("userAgent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0");
        context.putObject("page").put("url", url);
        return json.toString();
    }
}
