package dev.footfall.testkit;

import dev.footfall.embedded.EmbeddedOpenSearch;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
public final class OpenSearchExtension implements BeforeAllCallback, ParameterResolver {

    private volatile EmbeddedOpenSearch node;

    @Override
    public void beforeAll(ExtensionContext context) {
        node = sharedNode(context);
    }

    /** The shared node; available once the extension's {@code beforeAll} has run. */
    public EmbeddedOpenSearch node() {
        if (node == null) {
            throw new IllegalStateException("The OpenSearch node is started in beforeAll; ask for it from a test or a @BeforeAll method");
        }
        return node;
    }

    public OpenSearchTestClient client() {
        return new OpenSearchTestClient(node());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == EmbeddedOpenSearch.class || type == OpenSearchTestClient.class)
                && SharedServices.claimsResolution(context, this);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedOpenSearch shared = sharedNode(context);
        return parameter.getParameter().getType() == EmbeddedOpenSearch.class ? shared : new OpenSearchTestClient(shared);
    }

    private static EmbeddedOpenSearch sharedNode(ExtensionContext context) {
        return SharedServices.getOrStart(context, EmbeddedOpenSearch.class, () -> EmbeddedOpenSearch.builder().build(),
                EmbeddedOpenSearch::start);
    }
}
