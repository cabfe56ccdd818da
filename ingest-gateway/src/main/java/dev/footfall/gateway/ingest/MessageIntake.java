package dev.footfall.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.event.EventCodec;
import dev.footfall.event.EventRules;
import dev.footfall.event.Outcome;
import dev.footfall.event.ReasonCode;
import dev.footfall.event.Rejection;
import dev.footfall.event.StrictJson;
import dev.footfall.event.TrackedEvent;
import dev.footfall.gateway.limits.RateLimiter;
import dev.footfall.gateway.metrics.GatewayMetrics;
import dev.footfall.gateway.privacy.CookielessVisitorIds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a request body into Kafka records: parse (strictly), authenticate (write key or origin),
 * rate-limit per key, read each message with the event contract's codec, enrich it at the edge
 * and check it against the contract's rules. No HTTP here, so every decision is testable on
 * its own; the handler only moves bytes.
 */
public final class MessageIntake {

    /** Keyless senders of one site share one rate-limit bucket, told apart from write keys by this prefix. */
    private static final String KEYLESS_BUCKET = "\u0000site:";

    private final Sites sites;
    private final EventRules rules;
    private final EdgeEnrichment enrichment;
    private final RateLimiter writeKeyLimiter;
    private final GatewayMetrics metrics;
    private final String topic;

    public MessageIntake(Sites sites, EventRules rules, CookielessVisitorIds visitorIds,
            RateLimiter writeKeyLimiter, GatewayMetrics metrics, String topic) {
        this.sites = sites;
        this.rules = rules;
        this.enrichment = new EdgeEnrichment(visitorIds);
        this.writeKeyLimiter = writeKeyLimiter;
        this.metrics = metrics;
        this.topic = topic;
    }

    public IntakeResult accept(Route route, byte[] body, int length, RequestFacts facts) {
        Outcome<JsonNode> parsed = StrictJson.parse(body, 0, length);
        if (!parsed.isAccepted()) {
            return invalidRequest(null, parsed.rejection());
        }
        JsonNode root = parsed.value();
        if (!root.isObject()) {
            return invalidRequest(null, Rejection.of(ReasonCode.NOT_AN_OBJECT, "the body must be a JSON object"));
        }
        JsonNode batch = route.isBatch() ? root.get("batch") : null;

        Authenticated auth = authenticate(facts, writeKeyField(root.get("writeKey")), batch);
        if (auth.refusal != null) {
            return auth.refusal;
        }
        Site site = auth.site;
        long wait = writeKeyLimiter.tryAcquire(auth.limiterKey);
        if (wait > 0) {
            return IntakeResult.rateLimited(site, "too many requests for site '" + site.id() + "': the limit is "
                    + writeKeyLimiter.describe() + (auth.limiterKey.startsWith(KEYLESS_BUCKET)
                    ? " per site for requests without a write key" : " per write key"), wait);
        }

        EdgeEnrichment.ForRequest edge = enrichment.forRequest(site, facts);
        if (route.isBatch()) {
            return batch(site, root, batch, body, length, edge);
        }
        if (route == Route.SIMPLE_EVENT) {
            return single(site, EventCodec.fromSimpleEvent(root), length, edge);
        }
        return single(site, EventCodec.fromClientJson(root, route.impliedType()), length, edge);
    }

    private IntakeResult single(Site site, Outcome<TrackedEvent> read, int size, EdgeEnrichment.ForRequest edge) {
        Outcome<ProducerRecord<String, byte[]>> written = read
                .then(event -> rules.check(edge.enrich(event), size))
                .then(this::record);
        if (!written.isAccepted()) {
            return invalidRequest(site, written.rejection());
        }
        return IntakeResult.ready(site, List.of(written.value()), recordBytes(written.value()), List.of());
    }

    private IntakeResult batch(Site site, JsonNode root, JsonNode batch, byte[] body, int length,
            EdgeEnrichment.ForRequest edge) {
        if (batch == null || batch.isNull()) {
            return invalidRequest(site, Rejection.of(ReasonCode.MISSING_BATCH, "a batch request needs a 'batch' array"));
        }
        if (!batch.isArray()) {
            return invalidRequest(site, Rejection.of(ReasonCode.MISSING_BATCH, "'batch' must be an array of messages"));
        }
        int count = batch.size();
        if (count == 0) {
            return invalidRequest(site, Rejection.of(ReasonCode.EMPTY_BATCH, "'batch' holds no messages"));
        }
        int[] sizes = length <= rules.limits().maxEventBytes() ? null : BatchSpans.elementSizes(body, 0, length, count);
        JsonNode sharedContext = root.get("context");
        JsonNode sharedSentAt = root.get("sentAt");

        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        List<RejectedEvent> rejected = new ArrayList<>(0);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            JsonNode element = batch.get(i);
            if (element.isObject()) {
                applyBatchDefaults((ObjectNode) element, sharedContext, sharedSentAt);
            }
            int size = length <= rules.limits().maxEventBytes() ? length
                    : sizes != null ? sizes[i] : serializedSize(element);
            Outcome<ProducerRecord<String, byte[]>> written = EventCodec.fromClientJson(element, null)
                    .then(event -> rules.check(edge.enrich(event), size))
                    .then(this::record);
            if (written.isAccepted()) {
                records.add(written.value());
                bytes += recordBytes(written.value());
            } else {
                metrics.eventRejected(written.rejection().reason());
                rejected.add(new RejectedEvent(i, written.rejection()));
            }
        }
        if (records.isEmpty()) {
            Rejection first = rejected.get(0).rejection();
            return IntakeResult.invalid(site, Rejection.of(first.reason(), count == 1 ? first.message()
                    : "all " + count + " events were rejected; the first: " + first.message()), rejected);
        }
        return IntakeResult.ready(site, records, bytes, rejected);
    }

    /**
     * A batch's top-level {@code context} and {@code sentAt} apply to every message that lacks
     * them (analytics-go sends the library context once per batch; every SDK sends one sentAt).
     */
    private static void applyBatchDefaults(ObjectNode message, JsonNode context, JsonNode sentAt) {
        if (sentAt != null && !sentAt.isNull() && !message.has("sentAt")) {
            message.set("sentAt", sentAt);
        }
        if (context != null && context.isObject() && !context.isEmpty()) {
            JsonNode own = message.get("context");
            if (own == null || own.isNull()) {
                message.set("context", context.deepCopy());
            } else if (own.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> shared = context.fields();
                while (shared.hasNext()) {
                    Map.Entry<String, JsonNode> entry = shared.next();
                    if (!own.has(entry.getKey())) {
                        ((ObjectNode) own).set(entry.getKey(), entry.getValue().deepCopy());
                    }
                }
            }
        }
    }

    /**
     * The raw-topic record of an accepted event, measured as the job will measure it: what the
     * gateway adds (a User-Agent from the request header, a batch's shared context) can take an
     * event the client sent under the limit over it, and the job would then dead-letter an event
     * this gateway had acknowledged.
     */
    private Outcome<ProducerRecord<String, byte[]>> record(TrackedEvent event) {
        byte[] value = EventCodec.toRecord(event);
        Rejection tooLarge = rules.recordSizeProblem(event, value.length);
        if (tooLarge != null) {
            return Outcome.rejected(tooLarge);
        }
        return Outcome.accepted(new ProducerRecord<>(topic, event.partitionKey(), value));
    }

    private static long recordBytes(ProducerRecord<String, byte[]> record) {
        return record.value().length + record.key().length();
    }

    private IntakeResult invalidRequest(Site site, Rejection rejection) {
        metrics.eventRejected(rejection.reason());
        return IntakeResult.invalid(site, rejection, List.of());
    }

    private static int serializedSize(JsonNode element) {
        try {
            return StrictJson.mapper().writeValueAsBytes(element).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    private record Authenticated(Site site, String limiterKey, IntakeResult refusal) {
        static Authenticated refused(Refusal refusal, String message) {
            return new Authenticated(null, null, IntakeResult.refused(refusal, message));
        }
    }

    /**
     * A write key from HTTP Basic auth or the query string, the body's {@code writeKey}, or the
     * batch elements' {@code writeKey}: when several are given they must agree. Without any, the request's
     * {@code Origin} decides the site. A browser request's origin must be one its site allows.
     */
    private Authenticated authenticate(RequestFacts facts, String bodyKey, JsonNode batch) {
        String key = facts.requestWriteKey();
        if (bodyKey != null) {
            if (key != null && !key.equals(bodyKey)) {
                return Authenticated.refused(Refusal.CONFLICTING_WRITE_KEYS,
                        "the request (Authorization header or query string) and the body carry different write keys");
            }
            key = bodyKey;
        }
        if (batch != null && batch.isArray()) {
            for (JsonNode element : batch) {
                String elementKey = element.isObject() ? writeKeyField(element.get("writeKey")) : null;
                if (elementKey != null) {
                    if (key != null && !key.equals(elementKey)) {
                        return Authenticated.refused(Refusal.CONFLICTING_WRITE_KEYS,
                                "the batch carries more than one write key");
                    }
                    key = elementKey;
                }
            }
        }
        String origin = facts.origin();
        if (key != null) {
            Site site = sites.byWriteKey(key);
            if (site == null) {
                return Authenticated.refused(Refusal.UNKNOWN_WRITE_KEY, "the write key is not known to this gateway");
            }
            if (origin != null && !site.allowsOrigin(origin)) {
                return Authenticated.refused(Refusal.ORIGIN_NOT_ALLOWED,
                        "origin " + origin + " is not allowed to send events for site '" + site.id() + "'");
            }
            return new Authenticated(site, key, null);
        }
        if (origin == null) {
            return Authenticated.refused(Refusal.MISSING_WRITE_KEY,
                    "send the write key as the HTTP Basic user name or as 'writeKey' in the body");
        }
        Site site = sites.byOrigin(origin);
        if (site == null) {
            if (sites.anySiteAllows(origin)) {
                return Authenticated.refused(Refusal.MISSING_WRITE_KEY,
                        "origin " + origin + " belongs to several sites; send a write key to say which");
            }
            return Authenticated.refused(Refusal.ORIGIN_NOT_ALLOWED, "origin " + origin + " is not allowed by any site");
        }
        return new Authenticated(site, KEYLESS_BUCKET + site.id(), null);
    }

    /**
     * A {@code writeKey} field: null when absent or JSON null; otherwise it is checked like any
     * key, so an empty string or a non-string (returned as "", which no site may have as a key)
     * is an unknown key, never a missing one that the {@code Origin} could stand in for.
     */
    private static String writeKeyField(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : "";
    }
}
