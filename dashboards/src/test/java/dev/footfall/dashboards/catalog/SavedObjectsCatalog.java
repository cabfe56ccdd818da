package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.dashboards.savedobjects.SavedObjectsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Footfall saved object, in import order (index patterns, then visualizations and searches,
 * then the dashboards that use them). The shipped NDJSON resource is this catalog written out; a
 * test keeps the two identical, and {@link #main} rewrites the resource after a change.
 */
public final class SavedObjectsCatalog {

    /** Classpath location of the NDJSON the setup command imports. */
    public static final String RESOURCE = SavedObjectsFile.FOOTFALL_RESOURCE;

    /** The dashboards by id, for messages and docs. */
    public static final List<String> DASHBOARD_IDS = List.of(TrafficOverview.DASHBOARD_ID, CustomEvents.DASHBOARD_ID,
            Realtime.DASHBOARD_ID, PipelineHealth.DASHBOARD_ID, GoalsAndFunnels.DASHBOARD_ID);

    public static List<ObjectNode> objects() {
        List<ObjectNode> all = new ArrayList<>(IndexPatterns.objects());
        all.addAll(TrafficOverview.objects());
        all.addAll(CustomEvents.objects());
        all.addAll(Realtime.objects());
        all.addAll(PipelineHealth.objects());
        all.addAll(GoalsAndFunnels.objects());
        return all;
    }

    public static String toNdjson() {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode o : objects()) {
            sb.append(Json.compact(o)).append('\n');
        }
        return sb.toString();
    }

    /** Writes the NDJSON to the given path (the module's resource, by default). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0]
                : "dashboards/src/main/resources" + RESOURCE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, toNdjson(), StandardCharsets.UTF_8);
        System.out.println("wrote " + objects().size() + " saved objects to " + target);
    }

    private SavedObjectsCatalog() {
    }
}
