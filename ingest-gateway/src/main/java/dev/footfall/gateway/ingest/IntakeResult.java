package dev.footfall.gateway.ingest;

import dev.footfall.config.sites.Site;
import dev.footfall.event.Rejection;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What became of a request's body: either records ready for Kafka (with any events refused on
 * their own), or a refusal of the whole request with its status, stable code and message.
 */
public final class IntakeResult {

    private final int status;
    private final Refusal refusal;
    private final String code;
    private final String message;
    private final long retryAfterSeconds;
    private final Site site;
    private final List<ProducerRecord<String, byte[]>> records;
    private final long recordBytes;
    private final List<RejectedEvent> rejected;

    private IntakeResult(int status, Refusal refusal, String code, String message, long retryAfterSeconds, Site site,
            List<ProducerRecord<String, byte[]>> records, long recordBytes, List<RejectedEvent> rejected) {
        this.status = status;
        this.refusal = refusal;
        this.code = code;
        this.message = message;
        this.retryAfterSeconds = retryAfterSeconds;
        this.site = site;
        this.records = records;
        this.recordBytes = recordBytes;
        this.rejected = rejected;
    }

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

    public int status() {
        return status;
    }

    /** A request-level refusal (auth, rate limit); null when ready or when the body was invalid. */
    public Refusal refusal() {
        return refusal;
    }

    /** The stable reason code of a refusal or an invalid body; null when ready. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** For 429: the seconds until the client may try again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The site the request was attributed to; null if it was refused before that was known. */
    public Site site() {
        return site;
    }

    public List<ProducerRecord<String, byte[]>> records() {
        return records;
    }

    public long recordBytes() {
        return recordBytes;
    }

    /** Events refused on their own, by index. */
    public List<RejectedEvent> rejected() {
        return rejected;
    }
}
