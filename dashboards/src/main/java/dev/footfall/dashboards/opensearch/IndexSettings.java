package dev.footfall.dashboards.opensearch;

/**
 * Shard and replica counts for new daily indices. Single-node defaults (1 shard, 0 replicas): a
 * replica can never be placed on a single node, and would only keep the cluster yellow.
 */
public record IndexSettings(int shards, int replicas) {

    public IndexSettings {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, was " + shards);
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more, was " + replicas);
        }
    }

    public static IndexSettings singleNode() {
        return new IndexSettings(1, 0);
    }
}
