package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.IndexFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * One index pattern per index family, timed by its time field. No {@code fields} list:
 * Dashboards then reads the fields from the mappings on first use, so the patterns never go stale
 * when a template gains a field.
 */
public final class IndexPatterns {

    /** An index pattern saved object's id, title and time field. */
    public record Pattern(String id, String title, String timeField) {
    }

    public static final Pattern EVENTS = of(IndexFamily.EVENTS);
    public static final Pattern SESSIONS = of(IndexFamily.SESSIONS);
    public static final Pattern ROLLUPS = of(IndexFamily.ROLLUPS);
    public static final Pattern INVALID = of(IndexFamily.INVALID);
    public static final Pattern HEALTH = of(IndexFamily.HEALTH);
    public static final Pattern GOALS = of(IndexFamily.GOALS);
    public static final Pattern FUNNELS = of(IndexFamily.FUNNELS);

    private static Pattern of(IndexFamily family) {
        return new Pattern(family.prefix(), family.indexPattern(), family.timeField());
    }

    static List<ObjectNode> objects() {
        List<ObjectNode> out = new ArrayList<>();
        // Every family, not only those the dashboards below use: Discover can browse any of them.
        for (IndexFamily family : IndexFamily.values()) {
            Pattern p = of(family);
            ObjectNode attributes = Json.object();
            attributes.put("title", p.title());
            attributes.put("timeFieldName", p.timeField());
            out.add(SavedObjects.object("index-pattern", p.id(), attributes, Json.array()));
        }
        return out;
    }

    private IndexPatterns() {
    }
}
