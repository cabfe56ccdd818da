package dev.footfall.definitions;

import dev.footfall.index.DocumentIds;
import java.util.Objects;

/**
 * A goal: every event that matches it is a conversion. Its identity is its site and name; {@link #id()}
 * changes when what it matches changes.
 */
public record Goal(String site, String name, Match match) {

    public Goal {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
    }

    /** 16 hex digits of the SHA-256 of what the goal matches: equal ids, equal conversions. */
    public String id() {
        return DocumentIds.hash(match.canonical());
    }
}
