package dev.footfall.tracker.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Whatever receives the tracker's events in a browser test: today the {@link RecordingCollector}
 * fixture, later the real gateway with Kafka behind it. {@link TrackerScenarios} runs against any
 * implementation, so the same scenarios prove the tracker alone and the tracker with the gateway.
 */
public interface TrackerBackend extends AutoCloseable {

    /** Where the browser loads the tracker from (the value of the script tag's {@code src}). */
    String scriptUrl();

    /** The collector's base address (the script tag's {@code data-host}). */
    String host();

    /** The write key the script tag carries, or {@code null} when the site is known by its origin. */
    String writeKey();

    /** The site id the script tag carries ({@code data-site}). */
    String site();

    /** Lets pages served from {@code origin} send events (the gateway lists allowed origins per site). */
    void allowOrigin(String origin);

    /**
     * Every event accepted so far, in arrival order, as the tracker sent it (for the gateway: the
     * event inside the envelope that reached Kafka). A retried event that arrives twice is listed twice.
     */
    List<JsonNode> acceptedEvents();

    /** From now on refuse every request the way an overloaded collector does: 503 with Retry-After. */
    void startOutage();

    /** Accept requests again. */
    void endOutage();

    /** How many requests were refused so far. */
    int refusals();

    @Override
    void close();
}
