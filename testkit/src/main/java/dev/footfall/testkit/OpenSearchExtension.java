package dev.footfall.testkit;

import dev.footfall.embedded.EmbeddedOpenSearch;

/**
 * Gives a test a real OpenSearch node: one {@link EmbeddedOpenSearch} per test JVM on a free HTTP
 * port, started by the first test class that asks and stopped (its data deleted) when the run
 * ends. Injects {@link EmbeddedOpenSearch} and {@link OpenSearchTestClient} into constructors and
 * methods.
 *
 * <pre>{@code
 * @ExtendWith(OpenSearchExtension.class)
 * class SinkITCase {
 *     @Test
 *     void shouldIndexSessions(OpenSearchTestClient search) { ... }
 * }
 * }</pre>
 *
 * Tests share the node, so each should use index names of its own.
 */
public final class OpenSearchExtension extends SharedServiceExtension<EmbeddedOpenSearch, OpenSearchTestClient> {

    public OpenSearchExtension() {
        super(EmbeddedOpenSearch.class, OpenSearchTestClient.class, () -> EmbeddedOpenSearch.builder().build(),
                EmbeddedOpenSearch::start, OpenSearchTestClient::new, "OpenSearch node");
    }

    /** The shared node; available once the extension's {@code beforeAll} has run. */
    public EmbeddedOpenSearch node() {
        return service();
    }
}
