package dev.footfall.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.OpenSearchAccess;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The API keys, in the OpenSearch index {@value #INDEX}, where every console instance and the CLI
 * see the same set. A document's id is the key's SHA-256 ({@link KeyHashes}), so the key itself is
 * stored nowhere and a request's key is found with one GET. Revoking keeps the document with a
 * {@code revoked_at} time, so {@code keys list} still shows what existed.
 */
public final class ApiKeyStore {

    public static final String INDEX = "footfall-api-keys";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchAccess openSearch;
    private final Clock clock;

    public ApiKeyStore(OpenSearchAccess openSearch, Clock clock) {
        this.openSearch = openSearch;
        this.clock = clock;
    }

    /** A new key's one and only appearance in clear text, and what was stored. */
    public record Created(String key, ApiKey apiKey) {
        @Override
        public String toString() {
            return "Created[key=***, apiKey=" + apiKey + "]";
        }
    }

    /** Creates the index with its strict mapping when it does not exist yet. */
    public CompletableFuture<Void> ensureIndex() {
        return openSearch.send("HEAD", "/" + INDEX, null, null).thenCompose(head -> {
            if (head.status() == 200) {
                return CompletableFuture.completedFuture(null);
            }
            ObjectNode body = JSON.createObjectNode();
            body.putObject("settings").put("number_of_shards", 1).put("auto_expand_replicas", "0-1");
            ObjectNode mappings = body.putObject("mappings").put("dynamic", "strict");
            ObjectNode props = mappings.putObject("properties");
            props.putObject("key_id").put("type", "keyword");
            props.putObject("name").put("type", "keyword");
            props.putObject("sites").put("type", "keyword");
            props.putObject("created_at").put("type", "date");
            props.putObject("revoked_at").put("type", "date");
            return openSearch.sendJson("PUT", "/" + INDEX, body).thenAccept(created -> {
                // Another instance may have created it in between: that is as good.
                if (!created.isSuccess() && !created.body().contains("resource_already_exists_exception")) {
                    throw new ServerException(ServerException.Kind.REJECTED, "cannot create index " + INDEX + ": HTTP " + created.status()
                            + " " + created.body());
                }
            });
        });
    }

    public CompletableFuture<Created> create(String name, List<String> sites) {
        return put(KeyHashes.newKey(), name, sites);
    }

    /**
     * Stores a key chosen by the caller (the local mode's {@code FOOTFALL_LOCAL_API_KEY}). Storing a
     * key that is already stored changes nothing: its sites, its creation time and a revocation
     * stay as they are.
     */
    public CompletableFuture<Created> put(String key, String name, List<String> sites) {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("a key must cover at least one site");
        }
        String hash = KeyHashes.hash(key);
        ApiKey apiKey = new ApiKey(KeyHashes.idOf(hash), name, sites, clock.instant(), null);
        ObjectNode doc = JSON.createObjectNode()
                .put("key_id", apiKey.id())
                .put("name", name)
                .put("created_at", apiKey.createdAt().toString());
        ArrayNode siteArray = doc.putArray("sites");
        sites.forEach(siteArray::add);
        return ensureIndex()
                .thenCompose(ignored -> openSearch.sendJson("PUT", "/" + INDEX + "/_doc/" + hash
                        + "?op_type=create&refresh=wait_for", doc))
                .thenApply(response -> {
                    if (!response.isSuccess() && response.status() != 409) {
                        throw new ServerException(ServerException.Kind.REJECTED, "cannot store the key: HTTP " + response.status());
                    }
                    return new Created(key, apiKey);
                });
    }

    /** The active key with this clear text, if any. */
    public CompletableFuture<Optional<ApiKey>> find(String key) {
        String hash = KeyHashes.hash(key);
        return openSearch.send("GET", "/" + INDEX + "/_doc/" + hash, null, null).thenApply(response -> {
            if (response.status() == 404) {
                return Optional.<ApiKey>empty();
            }
            if (!response.isSuccess()) {
                throw new ServerException(ServerException.Kind.REJECTED, "cannot read API keys: HTTP " + response.status());
            }
            JsonNode doc = response.json();
            if (!doc.path("found").asBoolean(false)) {
                return Optional.<ApiKey>empty();
            }
            ApiKey apiKey = read(doc.path("_source"));
            return apiKey.active() ? Optional.of(apiKey) : Optional.<ApiKey>empty();
        });
    }

    /** Every key, active and revoked, oldest first. */
    public CompletableFuture<List<ApiKey>> list() {
        ObjectNode body = JSON.createObjectNode().put("size", 10_000);
        body.putArray("sort").addObject().put("created_at", "asc");
        return openSearch.sendJson("POST", "/" + INDEX + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
                .thenApply(response -> {
                    if (!response.isSuccess()) {
                        throw new ServerException(ServerException.Kind.REJECTED, "cannot list API keys: HTTP " + response.status());
                    }
                    List<ApiKey> keys = new ArrayList<>();
                    response.json().path("hits").path("hits").forEach(hit -> keys.add(read(hit.path("_source"))));
                    return keys;
                });
    }

    /** Revokes the key with this id; false when no active key has it. */
    public CompletableFuture<Boolean> revoke(String id) {
        ObjectNode body = JSON.createObjectNode().put("size", 10);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put("key_id", id);
        bool.putArray("must_not").addObject().putObject("exists").put("field", "revoked_at");
        return openSearch.sendJson("POST", "/" + INDEX + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
                .thenCompose(found -> {
                    if (!found.isSuccess()) {
                        throw new ServerException(ServerException.Kind.REJECTED, "cannot read API keys: HTTP " + found.status());
                    }
                    List<CompletableFuture<RestClient.Response>> updates = new ArrayList<>();
                    ObjectNode change = JSON.createObjectNode();
                    change.putObject("doc").put("revoked_at", clock.instant().toString());
                    for (JsonNode hit : found.json().path("hits").path("hits")) {
                        updates.add(openSearch.sendJson("POST", "/" + INDEX + "/_update/" + hit.path("_id").asText()
                                + "?refresh=wait_for", change));
                    }
                    return CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).thenApply(done -> {
                        for (CompletableFuture<RestClient.Response> update : updates) {
                            if (!update.join().isSuccess()) {
                                throw new ServerException(ServerException.Kind.REJECTED, "cannot revoke the key: HTTP " + update.join().status());
                            }
                        }
                        return !updates.isEmpty();
                    });
                });
    }

    private static ApiKey read(JsonNode source) {
        List<String> sites = new ArrayList<>();
        source.path("sites").forEach(s -> sites.add(s.asText()));
        String revoked = source.path("revoked_at").asText(null);
        return new ApiKey(source.path("key_id").asText(), source.path("name").asText(), sites,
                Instant.parse(source.path("created_at").asText()), revoked == null ? null : Instant.parse(revoked));
    }
}
