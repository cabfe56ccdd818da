package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs searches without blocking the caller: the query layer sends every search of one query in
 * one {@code _msearch} round trip.
 */
public interface SearchClient {

    /**
     * The responses in the order of the searches; a search that failed on its own is a response
     * holding an {@code error} object (as {@code _msearch} reports it). The future fails with
     * {@link dev.footfall.index.client.ServerException} when OpenSearch cannot be asked at all.
     */
    CompletableFuture<List<JsonNode>> multiSearch(List<Search> searches);

    /** One search: an index pattern (missing indices count as empty) and a request body. */
    record Search(String indexPattern, ObjectNode body) {
    }
}
