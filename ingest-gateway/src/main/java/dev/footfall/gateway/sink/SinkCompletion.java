package dev.footfall.gateway.sink;

/** How a request learns the fate of its records. Exactly one method is called, exactly once. */
public interface SinkCompletion {

    /** Kafka acknowledged every record of the request. */
    void stored();

    /**
     * Not every record was acknowledged in time (Kafka down, slow, or the gateway overloaded).
     * Some records may still reach Kafka later; the client retries with the same message ids and
     * the job deduplicates.
     *
     * @param reason a short description for the response message
     */
    void unavailable(String reason);
}
