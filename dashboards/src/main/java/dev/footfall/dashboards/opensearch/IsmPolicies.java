package dev.footfall.dashboards.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention through OpenSearch's Index State Management plugin: one policy per index family that
 * deletes an index once it is older than the family's retention age, attached to new indices by
 * its {@code ism_template} and to existing ones through the add API.
 *
 * <p>ISM is a plugin: the official image has it, the embedded node does not. {@link #isAvailable}
 * tells which, and the local mode enforces the same ages with {@link DailyIndexRetention}.
 *
 * <p>Idempotent: the policy's description carries its own version and age, so a second run sees an
 * identical policy and leaves it alone; a changed age updates the policy with the sequence number
 * ISM requires (a create on an existing policy is a 409).
 */
public final class IsmPolicies {

    /** Bump when the policy's structure changes, so existing policies are updated on the next run. */
    static final int POLICY_VERSION = 1;
    static final String ISM_COMPONENT = "opensearch-index-management";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IsmPolicies() {
    }

    /** {@code footfall-events-retention}: the id of a family's policy. */
    public static String policyId(IndexFamily family) {
        return family.prefix() + "-retention";
    }

    /** The body of {@code PUT _plugins/_ism/policies/<id>} for one family. */
    public static ObjectNode policy(IndexFamily family, RetentionAge age) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode policy = body.putObject("policy");
        policy.put("description", description(family, age));
        policy.put("default_state", "retain");
        ArrayNode states = policy.putArray("states");
        ObjectNode retain = states.addObject();
        retain.put("name", "retain");
        retain.putArray("actions");
        ObjectNode toDelete = retain.putArray("transitions").addObject();
        toDelete.put("state_name", "delete");
        toDelete.putObject("conditions").put("min_index_age", age.toTimeValue());
        ObjectNode delete = states.addObject();
        delete.put("name", "delete");
        delete.putArray("actions").addObject().putObject("delete");
        delete.putArray("transitions");
        ObjectNode template = policy.putArray("ism_template").addObject();
        template.putArray("index_patterns").add(family.indexPattern());
        template.put("priority", 100);
        return body;
    }

    static String description(IndexFamily family, RetentionAge age) {
        return "Footfall retention: delete " + family.indexPattern() + " indices " + age.toTimeValue()
                + " after they were created (footfall-setup policy v" + POLICY_VERSION + ", min_index_age " + age.toTimeValue() + ")";
    }

    /** Whether the ISM plugin is installed, judged by the node's plugin list. */
    public static boolean isAvailable(RestClient client) {
        RestClient.Response response = client.get("/_cat/plugins?format=json&h=component");
        OpenSearchAnswers.requireSuccess(client, response, "cannot list OpenSearch plugins");
        for (JsonNode plugin : response.json()) {
            if (ISM_COMPONENT.equals(plugin.path("component").asText())) {
                return true;
            }
        }
        return false;
    }

    /** What applying one policy did. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    /** Creates or updates the family's policy, then attaches it to existing indices that have none. */
    public static PolicyResult apply(RestClient client, IndexFamily family, RetentionAge age) {
        String path = "/_plugins/_ism/policies/" + policyId(family);
        ObjectNode wanted = policy(family, age);
        RestClient.Response existing = client.get(path);
        OpenSearchAnswers.requireAuthorized(client, existing);
        Outcome outcome;
        if (existing.status() == 404) {
            expectSuccess(client.put(path, wanted.toString()), client, "create ISM policy " + policyId(family));
            outcome = Outcome.CREATED;
        } else if (existing.isSuccess()) {
            JsonNode current = existing.json();
            String currentDescription = current.path("policy").path("description").asText();
            if (currentDescription.equals(description(family, age))) {
                outcome = Outcome.UNCHANGED;
            } else {
                String update = path + "?if_seq_no=" + current.path("_seq_no").asLong()
                        + "&if_primary_term=" + current.path("_primary_term").asLong();
                expectSuccess(client.put(update, wanted.toString()), client, "update ISM policy " + policyId(family));
                // Managed indices keep running the policy version they were enrolled with.
                ObjectNode change = JSON.createObjectNode().put("policy_id", policyId(family));
                expectSuccessOrMissing(client.post("/_plugins/_ism/change_policy/" + family.indexPattern(), change.toString()),
                        client, "move " + family.indexPattern() + " to the updated policy");
                outcome = Outcome.UPDATED;
            }
        } else {
            throw OpenSearchAnswers.rejected(existing, "OpenSearch refused to read ISM policy " + policyId(family));
        }
        List<String> attachFailures = attachToExisting(client, family);
        return new PolicyResult(family, age, outcome, attachFailures);
    }

    /** ism_template only catches indices created later; indices that already exist are added here. */
    private static List<String> attachToExisting(RestClient client, IndexFamily family) {
        ObjectNode add = JSON.createObjectNode().put("policy_id", policyId(family));
        RestClient.Response response = client.post("/_plugins/_ism/add/" + family.indexPattern(), add.toString());
        OpenSearchAnswers.requireAuthorized(client, response);
        List<String> failures = new ArrayList<>();
        if (response.status() == 404) {
            return failures;
        }
        if (!response.isSuccess()) {
            throw OpenSearchAnswers.rejected(response, "OpenSearch refused to attach ISM policy " + policyId(family) + " to " + family.indexPattern());
        }
        for (JsonNode failed : response.json().path("failed_indices")) {
            String reason = failed.path("reason").asText();
            if (!reason.contains("already has a policy")) {
                failures.add(failed.path("index_name").asText() + ": " + reason);
            }
        }
        return failures;
    }

    private static void expectSuccess(RestClient.Response response, RestClient client, String what) {
        OpenSearchAnswers.requireSuccess(client, response, "OpenSearch refused to " + what);
    }

    private static void expectSuccessOrMissing(RestClient.Response response, RestClient client, String what) {
        if (response.status() != 404) {
            expectSuccess(response, client, what);
        }
    }

    /** One family's policy after {@link #apply}. */
    public record PolicyResult(IndexFamily family, RetentionAge age, Outcome outcome, List<String> attachFailures) {
    }
}
