package dev.footfall.console;

import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.testkit.OpenSearchTestClient;

/**
 * The product's index templates, as setup installs them, for the test classes that write
 * documents by hand: installed before the class and removed after it, since the shared node
 * serves the other tests of this JVM too.
 */
final class ProductIndexTemplates {

    private ProductIndexTemplates() {
    }

    static void install(EmbeddedOpenSearch node) {
        OpenSearchSetup.apply(new RestClient(Endpoint.of("OpenSearch", node.httpUrl())), OpenSearchSetup.Settings.defaults());
    }

    /** Other tests of this JVM write footfall-* documents of their own: the strict templates would refuse them. */
    static void remove(OpenSearchTestClient search) {
        for (IndexFamily family : IndexFamily.values()) {
            search.request("DELETE", "/_index_template/" + family.templateName(), null);
        }
    }
}
