package dev.footfall.bench.job;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.footfall.job.model.IndexAction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes the job's OpenSearch actions to files in the bulk API's format, one file per sink
 * subtask, in the order the subtask would have sent them. The direct-bulk floor replays these
 * files: the same documents, the same order, the same number of concurrent writers.
 */
final class CapturingSink implements Sink<IndexAction> {

    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;

    CapturingSink(Path directory, String name) {
        this.directory = directory.toString();
        this.name = name;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<IndexAction> createWriter(InitContext context) throws IOException {
        return new Writer(Path.of(directory, name + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".ndjson"));
    }

    @Override
    public SinkWriter<IndexAction> createWriter(WriterInitContext context) throws IOException {
        return new Writer(Path.of(directory, name + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".ndjson"));
    }

    /** The bulk API's action line and, except for deletes, its source line. */
    static String bulkLines(IndexAction action) {
        String meta = "{\"_index\":\"" + escape(action.index()) + "\",\"_id\":\"" + escape(action.id()) + "\"}";
        return switch (action.op()) {
            case INDEX -> "{\"index\":" + meta + "}\n" + action.json() + "\n";
            case UPDATE -> "{\"update\":" + meta + "}\n{\"doc\":" + action.json() + "}\n";
            case DELETE -> "{\"delete\":" + meta + "}\n";
        };
    }

    private static String escape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    private static final class Writer implements SinkWriter<IndexAction> {
        private final BufferedWriter out;

        Writer(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        @Override
        public void write(IndexAction action, Context context) throws IOException {
            out.write(bulkLines(action));
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
