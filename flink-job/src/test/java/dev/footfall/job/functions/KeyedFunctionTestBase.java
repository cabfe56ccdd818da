package dev.footfall.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.AfterEach;

/**
 * What the tests of a keyed function share: the operator harness around it (string keys, as in
 * the job), opened at a processing time, fed elements at their event time, closed after each test.
 *
 * @param <IN> what the function reads
 * @param <OUT> what it writes
 */
abstract class KeyedFunctionTestBase<IN, OUT> {

    protected KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> harness;
    private ToLongFunction<IN> eventTime;

    /** Opens the harness around the function, with the state of {@code restored} unless it is null. */
    protected void open(KeyedProcessFunction<String, IN, OUT> function, KeySelector<IN, String> key,
            ToLongFunction<IN> eventTime, long processingTime, OperatorSubtaskState restored) throws Exception {
        this.eventTime = eventTime;
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), key, Types.STRING);
        harness.setProcessingTime(processingTime);
        harness.initializeState(restored);
        harness.open();
    }

    /** A snapshot kept next to the test class, taken by an earlier version's harness. */
    protected OperatorSubtaskState snapshot(String resource) throws Exception {
        return OperatorSnapshotUtil.readStateHandle(Path.of(getClass().getResource(resource).toURI()).toString());
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    protected void send(IN input) throws Exception {
        harness.processElement(input, eventTime.applyAsLong(input));
    }

    /** What a keyed function owes once its keys are done: no state entry and no timer left behind. */
    protected void assertNothingLeft() {
        assertThat(harness.numKeyedStateEntries()).as("keyed state entries").isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
        assertThat(harness.numProcessingTimeTimers()).as("processing-time timers").isZero();
    }
}
