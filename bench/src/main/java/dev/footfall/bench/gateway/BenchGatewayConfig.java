package dev.footfall.bench.gateway;

import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.config.sites.Sites;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.sink.KafkaSink;
import java.nio.file.Path;
import java.util.Map;

/**
 * The gateway's reference configuration, as shipped, with four changes a benchmark needs:
 * loopback and a free port, the bench's broker and topic, the bench's sites, and no rate limits
 * (all load comes from one address and one write key, which the per-address limit of 100
 * requests/s would otherwise turn into 429s).
 */
public final class BenchGatewayConfig {

    private BenchGatewayConfig() {
    }

    public static GatewayConfig of(String bootstrap, String topic, Path saltDir) {
        return GatewayConfig.reference()
                .with(Map.of(
                        "http.host", "127.0.0.1",
                        "http.port", "0",
                        "kafka.bootstrap", bootstrap,
                        "raw.topic", topic,
                        "rate.address.per.second", "0",
                        "rate.writekey.per.second", "0",
                        "salt.dir", saltDir.toString()))
                .withSites(Sites.parse(BenchSites.sitesJson()));
    }

    /** The producer settings the gateway runs with, for the sink floor to use the same. */
    public static Map<String, Object> producerSettings(String bootstrap, String topic, Path saltDir,
            Map<String, String> overrides) {
        return KafkaSink.describeProducer(of(bootstrap, topic, saltDir).with(overrides));
    }

    /** The HTTP settings the bare-Jetty floor copies. */
    public static int maxThreads() {
        return GatewayConfig.reference().httpMaxThreads();
    }

    public static long idleTimeoutMillis() {
        return GatewayConfig.reference().httpIdleTimeout().toMillis();
    }
}
