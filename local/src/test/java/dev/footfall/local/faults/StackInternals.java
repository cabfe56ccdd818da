package dev.footfall.local.faults;

import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.local.stack.LocalStack;
import java.lang.reflect.Field;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * The running parts of a {@link LocalStack} that a fault test must stop and start. The launcher
 * deliberately exposes none of them (users get URLs, not handles), so the tests reach in by
 * field name; a rename in the launcher fails here with the name that went missing.
 */
final class StackInternals {

    private StackInternals() {
    }

    static EmbeddedKafka kafka(LocalStack stack) {
        return field(stack, "kafka", EmbeddedKafka.class);
    }

    static EmbeddedOpenSearch openSearch(LocalStack stack) {
        return field(stack, "openSearch", EmbeddedOpenSearch.class);
    }

    /** The MiniCluster the launcher's job runs on, held by the job's client. */
    static MiniCluster miniCluster(LocalStack stack) {
        Object flink = field(stack, "flink", Object.class);
        JobClient client = field(flink, "client", JobClient.class);
        return field(client, "miniCluster", MiniCluster.class);
    }

    private static <T> T field(Object owner, String name, Class<T> type) {
        try {
            Field field = owner.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(owner));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no field " + name + " of type " + type.getSimpleName() + " in "
                    + owner.getClass().getName(), e);
        }
    }
}
