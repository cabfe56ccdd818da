package dev.footfall.gateway.ingest;

import dev.footfall.config.sites.Site;
import dev.footfall.event.Rejection;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What became of a request's body: either records ready for Kafka (with any events refused on
 * their own), or a refusal of the whole request with its status, stable code and message. Made
 * by the factory methods below, one for each outcome.
 *
 * @param refusal a request-level refusal (auth, rate limit); null when ready or when the body was invalid
 * @param code the stable reason code of a refusal or an invalid body; null when ready
 * @param retryAfterSeconds for 429: the seconds until the client may try again
 * @param site the site the request was attributed to; null if it was refused before that was known
 * @param rejected events refused on their own, by index
 */
public record IntakeResult(
        int status,
        Refusal refusal,
        String code,
        String message,
        long retryAfterSeconds,
        Site site,
        List<ProducerRecord<String, byte[]>> records,
        long recordBytes,
        List<RejectedEvent> rejected) {

    static IntakeResult refused(Refusal refusal, String message) {
        return new IntakeResult(refusal.status(), refusal, refusal.code(), message, 0, null, List.of(), 0, List.of());
    }

    static IntakeResult rateLimited(Site site, String message, long retryAfterSeconds) {
        return new IntakeResult(Refusal.RATE_LIMITED.status(), Refusal.RATE_LIMITED, Refusal.RATE_LIMITED.code(), message,
                retryAfterSeconds, site, List.of(), 0, List.of());
    }

    /** The request as a whole is not a valid message (malformed JSON, a single invalid event...). */
    static IntakeResult invalid(Site site, Rejection rejection, List<RejectedEvent> rejected) {
        return new IntakeResult(400, null, rejection.code(), rejection.message(), 0, site, List.of(), 0, rejected);
    }

    static IntakeResult ready(Site site, List<ProducerRecord<String, byte[]>> records, long recordBytes,
            List<RejectedEvent> rejected) {
        return new IntakeResult(200, null, null, null, 0, site, records, recordBytes, rejected);
    }

    /** True when there are records to send to Kafka. */
    public boolean isReady() {
        return status == 200;
    }
}
