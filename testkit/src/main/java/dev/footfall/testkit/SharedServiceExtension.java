package dev.footfall.testkit;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What {@link KafkaExtension} and {@link OpenSearchExtension} share: one instance of an embedded
 * service per test JVM, kept in the root extension store, and injected (with a test client bound
 * to it) into test constructors and methods. JUnit closes the {@link AutoCloseable} values of that
 * store when the whole run ends, which stops the service and deletes its temporary directory.
 *
 * @param <S> the service
 * @param <C> the test client made for it
 */
abstract class SharedServiceExtension<S extends AutoCloseable, C> implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedServiceExtension.class);

    private final Class<S> serviceType;
    private final Class<C> clientType;
    private final Supplier<S> builder;
    private final UnaryOperator<S> start;
    private final Function<S, C> newClient;
    /** "Kafka broker", "OpenSearch node": for the message when a test asks too early. */
    private final String description;

    private volatile S service;

    SharedServiceExtension(Class<S> serviceType, Class<C> clientType, Supplier<S> builder, UnaryOperator<S> start,
                           Function<S, C> newClient, String description) {
        this.serviceType = serviceType;
        this.clientType = clientType;
        this.builder = builder;
        this.start = start;
        this.newClient = newClient;
        this.description = description;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        service = shared(context);
    }

    /** The shared service; available once the extension's {@code beforeAll} has run. */
    S service() {
        if (service == null) {
            throw new IllegalStateException("The " + description
                    + " is started in beforeAll; ask for it from a test or a @BeforeAll method");
        }
        return service;
    }

    public C client() {
        return newClient.apply(service());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == serviceType || type == clientType) && claimsResolution(context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        S shared = shared(context);
        return parameter.getParameter().getType() == serviceType ? shared : newClient.apply(shared);
    }

    private S shared(ExtensionContext context) {
        ExtensionContext.Store rootStore = context.getRoot().getStore(NAMESPACE);
        return rootStore.getOrComputeIfAbsent(serviceType, key -> startOrClose(builder.get()), serviceType);
    }

    /**
     * Whether this extension should resolve a parameter in this context. The extension may be
     * registered more than once (a base class field and a subclass annotation, say); all
     * registrations hand out the same shared service, but JUnit refuses a parameter that two
     * resolvers claim, so the first registration asked answers for all.
     */
    private boolean claimsResolution(ExtensionContext context) {
        Object claimant = context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(getClass().getName() + ".resolver", key -> this);
        return claimant == this;
    }

    /** A service that fails to start is closed at once, so its temporary directory does not linger. */
    private S startOrClose(S built) {
        try {
            return start.apply(built);
        } catch (RuntimeException e) {
            try {
                built.close();
            } catch (Exception closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }
}
