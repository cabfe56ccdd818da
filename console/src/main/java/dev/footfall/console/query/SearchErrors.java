package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.index.client.ServerException;

/**
 * Reads a failed search of an {@code _msearch}: what the caller asked for that OpenSearch cannot do
 * (a regular expression too complex to run, too many groups) is a bad request; anything else is
 * OpenSearch's failure.
 */
final class SearchErrors {

    private SearchErrors() {
    }

    static JsonNode check(JsonNode response) {
        JsonNode error = response.path("error");
        if (error.isMissingNode() || error.isNull()) {
            return response;
        }
        String all = error.toString();
        if (all.contains("too_complex_to_determinize") || all.contains("Determinizing automaton")
                || all.contains("max_regex_length")) {
            throw new QueryException("#/filters: a `matches` expression is too complex for OpenSearch to run; "
                    + "simplify it (fewer alternatives and repetitions).");
        }
        if (all.contains("too_many_buckets")) {
            throw new QueryException("#/dimensions: the dimensions make too many groups for one query; "
                    + "narrow the date range, add filters or use fewer dimensions.");
        }
        String reason = error.path("root_cause").path(0).path("reason").asText(error.path("reason").asText(all));
        throw new ServerException(ServerException.Kind.REJECTED, "OpenSearch failed the search: " + reason);
    }
}
