package dev.footfall.job.functions;

import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.ValidatedRecord;
import org.apache.flink.metrics.Counter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Valid events continue; invalid records go to the {@link #INVALID} side output (and a metric). */
public class SplitInvalidRecords extends ProcessFunction<ValidatedRecord, ValidEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<InvalidEvent> INVALID = new OutputTag<>("invalid-records") {
    };

    private transient Counter invalidRecords;

    @Override
    public void open(Configuration parameters) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter("invalidRecords");
    }

    @Override
    public void processElement(ValidatedRecord record, Context ctx, Collector<ValidEvent> out) {
        if (record.isValid()) {
            out.collect(record.valid());
        } else {
            invalidRecords.inc();
            ctx.output(INVALID, record.invalid());
        }
    }
}
