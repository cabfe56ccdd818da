package dev.footfall.local.erase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Right to erasure: deletes one person's documents from every index that holds personal data.
 * A user id also takes the anonymous and visitor ids it was ever seen with, so the person's
 * pre-login history goes too. Rollups and health rows are anonymous counts and stay.
 */
public final class Eraser {

    /** The index families with per-person documents (docs/index-schema.md). */
    static final List<IndexFamily> PERSONAL = List.of(IndexFamily.EVENTS, IndexFamily.SESSIONS, IndexFamily.INVALID,
            IndexFamily.GOALS, IndexFamily.FUNNELS);
    private static final int MAX_LINKED_IDS = 10_000;

    private final RestClient openSearch;
    private final ObjectMapper json = new ObjectMapper();

    public Eraser(RestClient openSearch) {
        this.openSearch = openSearch;
    }

    /** Whom to erase: exactly one of the ids, optionally limited to one site. */
    public record Subject(String userId, String anonymousId, String site) {
        public Subject {
            if ((userId == null) == (anonymousId == null)) {
                throw new IllegalArgumentException("give exactly one of --user-id or --anonymous-id");
            }
        }
    }

    /**
     * @return documents deleted per index pattern
     * @throws ServerException when OpenSearch cannot be reached, refuses, or reports failures
     */
    public Map<String, Long> erase(Subject subject) {
        Set<String> visitorIds = linkedVisitorIds(subject);
        ObjectNode query = personQuery(subject, visitorIds);
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (IndexFamily family : PERSONAL) {
            String index = family.indexPattern();
            ObjectNode body = json.createObjectNode();
            body.set("query", query);
            JsonNode response = openSearch.deleteByQuery(index, body);
            if (response.path("failures").size() > 0) {
                throw new ServerException(ServerException.Kind.REJECTED,
                        "erasure in " + index + " reported failures: " + response.path("failures"));
            }
            deleted.put(index, response.path("deleted").asLong());
        }
        return deleted;
    }

    /** Every visitor and anonymous id the subject appears with in events and sessions. */
    private Set<String> linkedVisitorIds(Subject subject) {
        Set<String> ids = new LinkedHashSet<>();
        if (subject.anonymousId() != null) {
            ids.add(subject.anonymousId());
        }
        ObjectNode body = json.createObjectNode().put("size", 0);
        body.set("query", personQuery(subject, ids));
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("visitors").putObject("terms").put("field", Fields.Events.VISITOR_ID).put("size", MAX_LINKED_IDS);
        aggs.putObject("anonymous").putObject("terms").put("field", Fields.Events.ANONYMOUS_ID).put("size", MAX_LINKED_IDS);
        JsonNode result = openSearch.search(IndexFamily.EVENTS.indexPattern() + "," + IndexFamily.SESSIONS.indexPattern(), body)
                .path("aggregations");
        for (String agg : new String[] {"visitors", "anonymous"}) {
            for (JsonNode bucket : result.path(agg).path("buckets")) {
                ids.add(bucket.path("key").asText());
            }
        }
        return ids;
    }

    private ObjectNode personQuery(Subject subject, Set<String> visitorIds) {
        ObjectNode query = json.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        ArrayNode should = bool.putArray("should");
        if (subject.userId() != null) {
            should.addObject().putObject("term").put(Fields.Events.USER_ID, subject.userId());
        }
        if (!visitorIds.isEmpty()) {
            for (String field : new String[] {Fields.Events.ANONYMOUS_ID, Fields.Events.VISITOR_ID}) {
                ArrayNode values = should.addObject().putObject("terms").putArray(field);
                visitorIds.forEach(values::add);
            }
        }
        bool.put("minimum_should_match", 1);
        if (subject.site() != null) {
            bool.putArray("filter").addObject().putObject("term").put(Fields.SITE_ID, subject.site());
        }
        return query;
    }
}
