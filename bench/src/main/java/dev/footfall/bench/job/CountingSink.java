package dev.footfall.bench.job;

import dev.footfall.job.model.IndexAction;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Counts what reaches a sink: index actions by index family and kind (e.g. {@code documents
 * events INDEX}), anything else by sink name; then discards it, or hands it on to a real sink.
 * The counts show that the compute path did the same work as the run into OpenSearch, and how
 * many actions OpenSearch received.
 */
final class CountingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private final String name;
    private final Sink<T> delegate;

    /** Counts and discards. */
    CountingSink(String name) {
        this(name, null);
    }

    /** Counts and hands everything on to {@code delegate}. */
    CountingSink(String name, Sink<T> delegate) {
        this.name = name;
        this.delegate = delegate;
    }

    static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        COUNTS.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        return new Writer<>(name, delegate == null ? null : delegate.createWriter(context));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(name, delegate == null ? null : delegate.createWriter(context));
    }

    /** Index family of an index name: {@code footfall-events-2024.05.01} is {@code events}. */
    static String family(String index) {
        int first = index.indexOf('-');
        int last = index.lastIndexOf('-');
        return first >= 0 && last > first ? index.substring(first + 1, last) : index;
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final String name;
        private final SinkWriter<T> delegate;
        private final Map<String, LongAdder> local = new java.util.HashMap<>();

        Writer(String name, SinkWriter<T> delegate) {
            this.name = name;
            this.delegate = delegate;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            String key = element instanceof IndexAction action
                    ? name + " " + family(action.index()) + " " + action.op()
                    : name;
            local.computeIfAbsent(key, k -> COUNTS.computeIfAbsent(k, x -> new LongAdder())).increment();
            if (delegate != null) {
                delegate.write(element, context);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (delegate != null) {
                delegate.flush(endOfInput);
            }
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            if (delegate != null) {
                delegate.writeWatermark(watermark);
            }
        }

        @Override
        public void close() throws Exception {
            if (delegate != null) {
                delegate.close();
            }
        }
    }
}
