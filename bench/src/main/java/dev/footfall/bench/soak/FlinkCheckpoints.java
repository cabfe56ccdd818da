package dev.footfall.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's state size, from the MiniCluster's REST API: the latest completed checkpoint's full
 * size (the heap backend writes all state in every checkpoint, so that is the state there is),
 * and the same per operator chain, named.
 */
final class FlinkCheckpoints {

    /** The latest completed checkpoint; id -1 before the first one. */
    record Latest(long id, long completed, long failed, long stateBytes, long durationMillis,
            Map<String, Long> stateBytesByOperator) {
    }

    private final RestClient rest;
    private final String jobPath;
    private Map<String, String> vertexNames;

    FlinkCheckpoints(String restUrl, String jobId) {
        this.rest = new RestClient(Endpoint.of("Flink REST API", restUrl));
        this.jobPath = "/jobs/" + jobId;
    }

    Latest latest() {
        JsonNode checkpoints = rest.get(jobPath + "/checkpoints").json();
        JsonNode counts = checkpoints.path("counts");
        JsonNode latest = checkpoints.path("latest").path("completed");
        if (latest.isMissingNode() || latest.isNull()) {
            return new Latest(-1, counts.path("completed").asLong(), counts.path("failed").asLong(), 0, 0, Map.of());
        }
        long id = latest.path("id").asLong();
        long size = fullSize(latest);
        Map<String, Long> byOperator = new LinkedHashMap<>();
        JsonNode tasks = rest.get(jobPath + "/checkpoints/details/" + id).json().path("tasks");
        Map<String, String> names = vertexNames();
        for (Iterator<Map.Entry<String, JsonNode>> it = tasks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> task = it.next();
            byOperator.put(names.getOrDefault(task.getKey(), task.getKey()), fullSize(task.getValue()));
        }
        return new Latest(id, counts.path("completed").asLong(), counts.path("failed").asLong(), size,
                latest.path("end_to_end_duration").asLong(), byOperator);
    }

    /** Flink 1.20 calls the full size {@code state_size}; newer versions add {@code full_size}. */
    private static long fullSize(JsonNode node) {
        return node.has("full_size") ? node.path("full_size").asLong() : node.path("state_size").asLong();
    }

    private Map<String, String> vertexNames() {
        if (vertexNames == null) {
            Map<String, String> names = new LinkedHashMap<>();
            for (JsonNode vertex : rest.get(jobPath).json().path("vertices")) {
                names.put(vertex.path("id").asText(), vertex.path("name").asText());
            }
            vertexNames = names;
        }
        return vertexNames;
    }
}
