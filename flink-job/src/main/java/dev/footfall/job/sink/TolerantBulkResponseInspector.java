package dev.footfall.job.sink;

import org.apache.flink.connector.opensearch.sink.BulkResponseInspector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.FlinkRuntimeException;
import org.opensearch.action.DocWriteRequest;
import org.opensearch.action.bulk.BulkItemResponse;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.bulk.BulkResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which failed bulk items fail the job. A document OpenSearch refuses for what it is (a
 * mapping conflict, 400) or an update of a document that is gone (404, e.g. removed by retention)
 * will be refused again on every retry: failing the job for it would restart it forever and stop
 * every good document behind it. Those are logged and counted ({@code documentsRejected}) and
 * skipped. Anything else (overload after the back-off retries, a node down) fails the job, which
 * restarts from its last checkpoint and writes again: nothing is lost.
 */
public class TolerantBulkResponseInspector implements BulkResponseInspector {

    private static final Logger LOG = LoggerFactory.getLogger(TolerantBulkResponseInspector.class);
    private static final int LOGGED_PER_BULK = 3;

    private final Counter documentsRejected;

    public TolerantBulkResponseInspector(MetricGroup metrics) {
        this.documentsRejected = metrics.counter("documentsRejected");
    }

    /** The factory the sink builder takes; serializable, no reference to the builder. */
    public static BulkResponseInspectorFactory factory() {
        return context -> new TolerantBulkResponseInspector(context.metricGroup());
    }

    @Override
    public void inspect(BulkRequest request, BulkResponse response) {
        if (!response.hasFailures()) {
            return;
        }
        FlinkRuntimeException fatal = null;
        int logged = 0;
        for (int i = 0; i < response.getItems().length; i++) {
            BulkItemResponse item = response.getItems()[i];
            if (!item.isFailed()) {
                continue;
            }
            DocWriteRequest<?> action = request.requests().get(i);
            int status = item.getFailure().getStatus() == null ? 0 : item.getFailure().getStatus().getStatus();
            if (status == 400 || status == 404) {
                documentsRejected.inc();
                if (logged++ < LOGGED_PER_BULK) {
                    LOG.warn("OpenSearch refused {} {}/{} ({}): {}", action.opType(), action.index(), action.id(),
                            status, item.getFailureMessage());
                }
            } else if (fatal == null) {
                fatal = new FlinkRuntimeException("OpenSearch failed " + action.opType() + " " + action.index() + "/"
                        + action.id() + " with status " + status, item.getFailure().getCause());
            }
        }
        if (fatal != null) {
            throw fatal;
        }
    }
}
