package dev.footfall.job.sink;

import dev.footfall.job.model.IndexAction;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.opensearch.sink.OpensearchEmitter;
import org.apache.flink.connector.opensearch.sink.RequestIndexer;
import org.opensearch.action.delete.DeleteRequest;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.action.update.UpdateRequest;
import org.opensearch.common.xcontent.XContentType;

/**
 * Turns each {@link IndexAction} into the OpenSearch request it names, always with its
 * deterministic id, so an at-least-once replay overwrites (or deletes again) instead of
 * duplicating.
 */
public class IndexActionEmitter implements OpensearchEmitter<IndexAction> {

    private static final long serialVersionUID = 1L;

    @Override
    public void emit(IndexAction action, SinkWriter.Context context, RequestIndexer indexer) {
        switch (action.op()) {
            case INDEX -> indexer.add(new IndexRequest(action.index()).id(action.id())
                    .source(action.json(), XContentType.JSON));
            case UPDATE -> indexer.add(new UpdateRequest(action.index(), action.id())
                    .doc(action.json(), XContentType.JSON));
            case DELETE -> indexer.add(new DeleteRequest(action.index(), action.id()));
            default -> throw new IllegalStateException("unknown action " + action.op());
        }
    }
}
