package dev.footfall.bench;

import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;

/**
 * The Kafka broker and OpenSearch node the benchmarks measure against, in the bench's own JVM,
 * started when first needed and shared by the benchmarks of a run. What is measured (gateway,
 * floors, job runs) runs in JVMs of its own.
 */
public final class Services implements AutoCloseable {

    private EmbeddedKafka kafka;
    private EmbeddedOpenSearch openSearch;
    private RestClient openSearchClient;

    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            Progress.say("starting Kafka");
            kafka = EmbeddedKafka.builder().build().start();
        }
        return kafka;
    }

    /** The node, with Footfall's index templates applied (strict mappings, as in production). */
    public synchronized EmbeddedOpenSearch openSearch() {
        if (openSearch == null) {
            Progress.say("starting OpenSearch");
            openSearch = EmbeddedOpenSearch.builder().build().start();
            openSearchClient = new RestClient(Endpoint.of("OpenSearch", openSearch.httpUrl()));
            OpenSearchSetup.apply(openSearchClient, OpenSearchSetup.Settings.defaults());
        }
        return openSearch;
    }

    public synchronized RestClient openSearchClient() {
        openSearch();
        return openSearchClient;
    }

    @Override
    public synchronized void close() {
        if (openSearch != null) {
            openSearch.close();
            openSearch = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
