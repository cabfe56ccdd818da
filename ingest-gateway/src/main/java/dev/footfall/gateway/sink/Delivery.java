package dev.footfall.gateway.sink;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One request's records on their way to Kafka. It is the producer callback of each of them and
 * completes the request once: stored when the last acknowledgement arrives, unavailable on the
 * first failure or when the deadline passes, whichever comes first. The in-flight bytes are
 * released only when the producer has finished with every record, whatever the request was told,
 * because until then those bytes really are in the producer's buffer.
 */
final class Delivery implements Callback {

    private final KafkaSink sink;
    private final AtomicInteger pending;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long bytes;
    final long startNanos;
    final long deadlineNanos;
    private volatile SinkCompletion completion;

    Delivery(KafkaSink sink, int records, long bytes, long startNanos, long deadlineNanos, SinkCompletion completion) {
        this.sink = sink;
        this.pending = new AtomicInteger(records);
        this.bytes = bytes;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.completion = completion;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            sink.recordFailed(exception);
            answer(false, "Kafka did not store the events: " + exception.getClass().getSimpleName());
        }
        if (pending.decrementAndGet() == 0) {
            sink.release(bytes);
            if (exception == null && !answered.get()) {
                sink.recordStored(System.nanoTime() - startNanos);
                answer(true, null);
            }
        }
    }

    /** Called by the deadline sweeper. */
    void expire() {
        if (!answered.get()) {
            sink.recordDeadlineMissed();
            answer(false, "Kafka did not acknowledge the events within the deadline");
        }
    }

    boolean isAnswered() {
        return answered.get();
    }

    private void answer(boolean stored, String reason) {
        if (answered.compareAndSet(false, true)) {
            SinkCompletion target = completion;
            completion = null; // the request's objects must not stay reachable from the sweeper's queue
            if (stored) {
                target.stored();
            } else {
                target.unavailable(reason);
            }
        }
    }
}
