package dev.footfall.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.event.StrictJson;
import dev.footfall.gateway.ingest.RejectedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The gateway's JSON response bodies; one shape for every status. */
final class JsonBodies {

    /** Segment's SDKs expect 200 and read nothing more; the common answer is a constant. */
    static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    private JsonBodies() {
    }

    /** 200 for a batch in which some events were refused on their own. */
    static byte[] partial(int accepted, List<RejectedEvent> rejected) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("success", true);
        body.put("accepted", accepted);
        body.set("rejected", rejectedArray(rejected));
        return bytes(body);
    }

    /** Any refusal: {@code {"success":false,"reason":"code","message":"..."}}, plus rejected events if any. */
    static byte[] failure(String code, String message, List<RejectedEvent> rejected) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("success", false);
        body.put("reason", code);
        body.put("message", message);
        if (!rejected.isEmpty()) {
            body.put("accepted", 0);
            body.set("rejected", rejectedArray(rejected));
        }
        return bytes(body);
    }

    static byte[] status(String status, String detail) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return bytes(body);
    }

    private static ArrayNode rejectedArray(List<RejectedEvent> rejected) {
        ArrayNode array = StrictJson.mapper().createArrayNode();
        for (RejectedEvent event : rejected) {
            ObjectNode item = array.addObject();
            item.put("index", event.index());
            item.put("reason", event.rejection().code());
            item.put("message", event.rejection().message());
        }
        return array;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return StrictJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }
}
