package dev.footfall.gateway.tracker;

import dev.footfall.testkit.KafkaExtension;
import dev.footfall.tracker.browser.TrackerBackend;
import dev.footfall.tracker.browser.TrackerScenarios;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every tracker scenario (page views, SPA navigation, events, batching, offline, outage, reload,
 * privacy switches, hostile pages) in headless Chromium, with the tracker served by the real
 * gateway and the events read back from Kafka.
 */
class TrackerWithGatewayBrowserITCase extends TrackerScenarios {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Override
    protected TrackerBackend newBackend() {
        return new GatewayTrackerBackend(KAFKA.broker());
    }
}
