package dev.footfall.dashboards.opensearch;

import dev.footfall.index.IndexFamily;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The retention age of every index family: the contract's defaults ({@link IndexFamily#defaultRetention()}),
 * with the operator's overrides from the setup command.
 */
public final class RetentionSettings {

    private final Map<IndexFamily, RetentionAge> ages;

    private RetentionSettings(Map<IndexFamily, RetentionAge> ages) {
        this.ages = Collections.unmodifiableMap(new EnumMap<>(ages));
    }

    public static RetentionSettings defaults() {
        Map<IndexFamily, RetentionAge> ages = new EnumMap<>(IndexFamily.class);
        for (IndexFamily family : IndexFamily.values()) {
            ages.put(family, new RetentionAge(family.defaultRetention()));
        }
        return new RetentionSettings(ages);
    }

    public RetentionSettings with(IndexFamily family, RetentionAge age) {
        Map<IndexFamily, RetentionAge> copy = new EnumMap<>(ages);
        copy.put(family, age);
        return new RetentionSettings(copy);
    }

    public RetentionAge ageOf(IndexFamily family) {
        return ages.get(family);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        ages.forEach((family, age) -> sb.append(sb.length() == 0 ? "" : ", ").append(family.shortName()).append('=').append(age));
        return sb.toString();
    }
}
