package dev.footfall.job.sink;

import dev.footfall.job.model.IndexAction;
import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.opensearch.sink.FlushBackoffType;
import org.apache.flink.connector.opensearch.sink.Opensearch2Sink;
import org.apache.flink.connector.opensearch.sink.Opensearch2SinkBuilder;

/**
 * Builds the OpenSearch sinks. At-least-once (pending bulks are flushed on every checkpoint) plus
 * deterministic ids in every document gives exactly-once results. Bulks go out when they reach
 * {@code maxActions} or {@code maxSizeMb}, or after {@code flushInterval}, whichever comes first;
 * a bulk rejected for overload is retried with exponential back-off.
 */
public final class OpenSearchSinks {

    /**
     * Bulk settings.
     *
     * @param flushInterval also bounds how stale an open session or rollup in OpenSearch can be
     */
    public record BulkSettings(int maxActions, int maxSizeMb, Duration flushInterval, int retries,
            Duration retryDelay) implements java.io.Serializable {

        public BulkSettings {
            if (maxActions < 1 || maxSizeMb < 1 || retries < 1) {
                throw new IllegalArgumentException("bulk actions, size and retries must be at least 1");
            }
            if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()
                    || retryDelay == null || retryDelay.isNegative() || retryDelay.isZero()) {
                throw new IllegalArgumentException("bulk flush interval and retry delay must be positive");
            }
        }
    }

    private OpenSearchSinks() {
    }

    public static Opensearch2Sink<IndexAction> create(OpenSearchConnection connection, BulkSettings bulk) {
        Opensearch2SinkBuilder<IndexAction> builder = new Opensearch2SinkBuilder<IndexAction>()
                .setHosts(connection.hosts())
                .setEmitter(new IndexActionEmitter())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setBulkFlushMaxActions(bulk.maxActions())
                .setBulkFlushMaxSizeMb(bulk.maxSizeMb())
                .setBulkFlushInterval(bulk.flushInterval().toMillis())
                .setBulkFlushBackoffStrategy(FlushBackoffType.EXPONENTIAL, bulk.retries(), bulk.retryDelay().toMillis())
                .setBulkResponseInspectorFactory(TolerantBulkResponseInspector.factory())
                // Credentials, path prefix and certificate trust: configured where the sink runs.
                .setRestClientFactory(new OpenSearchClientFactory(connection));
        return builder.build();
    }
}
