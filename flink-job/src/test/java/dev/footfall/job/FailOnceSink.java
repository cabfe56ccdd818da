package dev.footfall.job;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Wraps a real sink and fails the job once, in the middle of the stream: after it has been
 * {@link #arm() armed} and written a given number of further records. Its counters are static
 * because the MiniCluster runs in the test's JVM while the sink itself is serialized.
 */
public final class FailOnceSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    static final AtomicInteger FLUSHES = new AtomicInteger();
    static final AtomicInteger WRITTEN_SINCE_ARMED = new AtomicInteger();
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final Sink<T> delegate;
    private final int failAfter;

    public FailOnceSink(Sink<T> delegate, int failAfter) {
        this.delegate = delegate;
        this.failAfter = failAfter;
    }

    static void reset() {
        FLUSHES.set(0);
        WRITTEN_SINCE_ARMED.set(0);
        ARMED.set(false);
        FAILED.set(false);
    }

    static void arm() {
        ARMED.set(true);
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context), failAfter);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context), failAfter);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final SinkWriter<T> delegate;
        private final int failAfter;

        Writer(SinkWriter<T> delegate, int failAfter) {
            this.delegate = delegate;
            this.failAfter = failAfter;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            if (ARMED.get() && WRITTEN_SINCE_ARMED.incrementAndGet() > failAfter && FAILED.compareAndSet(false, true)) {
                throw new IOException("injected failure after " + failAfter + " records");
            }
            delegate.write(element, context);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            delegate.flush(endOfInput);
            FLUSHES.incrementAndGet();
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            delegate.writeWatermark(watermark);
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }
}
