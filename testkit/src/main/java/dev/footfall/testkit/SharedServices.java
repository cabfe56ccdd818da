package dev.footfall.testkit;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps one instance of each embedded service per test JVM in the root extension store. JUnit
 * closes the {@link AutoCloseable} values of that store when the whole run ends, which stops the
 * service and deletes its temporary directory.
 */
final class SharedServices {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedServices.class);

    private SharedServices() {
    }

    static <T extends AutoCloseable> T getOrStart(ExtensionContext context, Class<T> type,
                                                   Supplier<T> builder, UnaryOperator<T> start) {
        ExtensionContext.Store rootStore = context.getRoot().getStore(NAMESPACE);
        return rootStore.getOrComputeIfAbsent(type, key -> startOrClose(builder.get(), start), type);
    }

    /**
     * Whether {@code extension} should resolve a parameter in this context. The extension may be
     * registered more than once (a base class field and a subclass annotation, say); all
     * registrations hand out the same shared service, but JUnit refuses a parameter that two
     * resolvers claim, so the first registration asked answers for all.
     */
    static boolean claimsResolution(ExtensionContext context, Object extension) {
        Object claimant = context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(extension.getClass().getName() + ".resolver", key -> extension);
        return claimant == extension;
    }

    /** A service that fails to start is closed at once, so its temporary directory does not linger. */
    private static <T extends AutoCloseable> T startOrClose(T service, UnaryOperator<T> start) {
        try {
            return start.apply(service);
        } catch (RuntimeException e) {
            try {
                service.close();
            } catch (Exception closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }
}
