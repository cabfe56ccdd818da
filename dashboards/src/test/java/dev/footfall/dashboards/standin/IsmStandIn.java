package dev.footfall.dashboards.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the ISM plugin's policy API, which no node here has. It keeps the rules that
 * decide whether applying policies is idempotent, as the plugin's TransportIndexPolicyAction
 * does: a PUT without {@code if_seq_no}/{@code if_primary_term} creates and answers 409 when the
 * policy exists; with them it updates only at the current sequence number. GET answers 404 for an
 * unknown policy. The add API reports indices that already have a policy as failed, as ISM does.
 */
public final class IsmStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as received: method, path with query, and status answered. */
    public record Call(String method, String pathAndQuery, int status) {
    }

    private record Stored(JsonNode policy, long seqNo) {
    }

    private final LoopbackServer server;
    private final Map<String, Stored> policies = new ConcurrentHashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private long nextSeqNo = 0;
    private volatile String addFailureReason = "This index already has a policy, use the update policy API to update index policies.";

    public IsmStandIn() {
        server = new LoopbackServer(this::handle);
    }

    public String url() {
        return server.url();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public JsonNode policy(String id) {
        Stored s = policies.get(id);
        return s == null ? null : s.policy();
    }

    /** The reason the add API gives for the one index it finds. */
    public void addFailureReason(String reason) {
        this.addFailureReason = reason;
    }

    @Override
    public void close() {
        server.close();
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            String method = ex.getRequestMethod();
            byte[] body = ex.getRequestBody().readAllBytes();
            int status;
            String answer;
            if (method.equals("PUT") && path.startsWith("/_index_template/")) {
                status = 200; // templates are tested on the real node; here they only need to be accepted
                answer = "{\"acknowledged\":true}";
            } else if (method.equals("PUT") && path.startsWith("/footfall-") && path.endsWith("-*/_mapping")) {
                status = 200; // adding fields to existing indices is tested on the real node too
                answer = "{\"acknowledged\":true}";
            } else if (method.equals("GET") && path.equals("/_cat/plugins")) {
                status = 200;
                answer = "[{\"component\":\"opensearch-index-management\"},{\"component\":\"opensearch-security\"}]";
            } else if (path.startsWith("/_plugins/_ism/policies/")) {
                String id = path.substring("/_plugins/_ism/policies/".length());
                Stored current = policies.get(id);
                if (method.equals("GET")) {
                    if (current == null) {
                        status = 404;
                        answer = "{\"error\":{\"type\":\"status_exception\",\"reason\":\"Policy not found\"},\"status\":404}";
                    } else {
                        ObjectNode r = JSON.createObjectNode();
                        r.put("_id", id).put("_version", current.seqNo() + 1).put("_seq_no", current.seqNo()).put("_primary_term", 1);
                        ObjectNode p = current.policy().get("policy").deepCopy();
                        p.put("policy_id", id).put("last_updated_time", 1_700_000_000_000L).put("schema_version", 21).putNull("error_notification");
                        r.set("policy", p);
                        status = 200;
                        answer = r.toString();
                    }
                } else if (method.equals("PUT")) {
                    Long ifSeqNo = query != null && query.contains("if_seq_no=")
                            ? Long.parseLong(query.replaceAll(".*if_seq_no=(\\d+).*", "$1")) : null;
                    boolean conflict = ifSeqNo == null ? current != null : current == null || current.seqNo() != ifSeqNo;
                    if (conflict) {
                        status = 409;
                        answer = "{\"error\":{\"type\":\"version_conflict_engine_exception\",\"reason\":\"[" + id
                                + "]: version conflict, document already exists\"},\"status\":409}";
                    } else {
                        JsonNode policy = JSON.readTree(body);
                        long seq = nextSeqNo++;
                        policies.put(id, new Stored(policy, seq));
                        status = current == null ? 201 : 200;
                        answer = "{\"_id\":\"" + id + "\",\"_seq_no\":" + seq + ",\"_primary_term\":1}";
                    }
                } else {
                    status = 405;
                    answer = "{}";
                }
            } else if (method.equals("POST") && path.startsWith("/_plugins/_ism/add/")) {
                status = 200;
                ObjectNode r = JSON.createObjectNode().put("updated_indices", 0).put("failures", true);
                r.putArray("failed_indices").addObject().put("index_name", "footfall-x-2025.03.14").put("index_uuid", "u")
                        .put("reason", addFailureReason);
                answer = r.toString();
            } else if (method.equals("POST") && path.startsWith("/_plugins/_ism/change_policy/")) {
                status = 200;
                answer = "{\"updated_indices\":1,\"failures\":false,\"failed_indices\":[]}";
            } else {
                status = 400;
                answer = "{\"error\":\"no handler found for uri [" + path + "] and method [" + method + "]\"}";
            }
            calls.add(new Call(method, path + (query == null ? "" : "?" + query), status));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
