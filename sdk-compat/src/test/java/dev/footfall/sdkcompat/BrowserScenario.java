package dev.footfall.sdkcompat;

/**
 * One way of running a browser SDK: its page template, the load options that pick its delivery
 * mode (everything else is the SDK's default), and whether it runs against the rate-limited gateway,
 * which answers 429 until the SDK retries.
 */
enum BrowserScenario {
    /** analytics-next's default delivery: one fetch per event, to /v1/t, /v1/p, /v1/i. */
    SEGMENT_DEFAULT(Sdk.SEGMENT, "{}", false),
    /** analytics-next's batching strategy: /v1/b. */
    SEGMENT_BATCHING(Sdk.SEGMENT, "{deliveryStrategy: {strategy: 'batching', config: {size: 3, timeout: 500}}}", false),
    /** The default delivery, retried after 429s (Retry-After, then X-Retry-Count on the retry). */
    SEGMENT_RETRIES(Sdk.SEGMENT, "{}", true),
    /** RudderStack's default: the XHR queue, one request per event, to /v1/identify, /v1/page, /v1/track. */
    RUDDER_DEFAULT(Sdk.RUDDERSTACK, "{}", false),
    /** The XHR queue with batching: /v1/batch. */
    RUDDER_BATCHING(Sdk.RUDDERSTACK, "{queueOptions: {batch: {enabled: true, maxItems: 3, flushInterval: 500}}}", false),
    /** Beacon mode: navigator.sendBeacon to /beacon/v1/batch?writeKey=..., no headers. */
    RUDDER_BEACON(Sdk.RUDDERSTACK, "{useBeacon: true, beaconQueueOptions: {maxItems: 3, flushQueueInterval: 500}}", false),
    /** The XHR queue retried after 429s, with its Rsa-Retry-* headers. */
    RUDDER_RETRIES(Sdk.RUDDERSTACK, "{}", true);

    enum Sdk {
        SEGMENT("segment-page.html", "analytics.js"),
        RUDDERSTACK("rudderstack-page.html", "RudderLabs JavaScript SDK");

        final String template;
        /** What the SDK names itself in {@code context.library.name}: proof the event came from it. */
        final String library;

        Sdk(String template, String library) {
            this.template = template;
            this.library = library;
        }
    }

    final Sdk sdk;
    final String loadOptions;
    final boolean retries;

    BrowserScenario(Sdk sdk, String loadOptions, boolean retries) {
        this.sdk = sdk;
        this.loadOptions = loadOptions;
        this.retries = retries;
    }

    /** {@code segment-batching}. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
