package dev.footfall.dashboards.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.dashboards.savedobjects.SavedObjectsFile;
import dev.footfall.dashboards.translate.SavedVisualization;
import dev.footfall.dashboards.translate.VisualizationTranslator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The panels of the shipped dashboards as the tests that run them over pipeline output see them
 * (this module's scripted output, the local module's real job): which read an index, and which
 * show the last five minutes rather than the whole story.
 */
public final class ShippedPanels {

    public static final SavedObjectsFile FILE = SavedObjectsFile.footfall();
    /** Panels on the realtime dashboard: they show the five minutes before the query; all others the whole story. */
    public static final Set<String> REALTIME = Set.of("footfall-realtime-visitors", "footfall-realtime-events",
            "footfall-realtime-pageviews", "footfall-realtime-timeline", "footfall-realtime-pages",
            "footfall-realtime-event-names");

    private ShippedPanels() {
    }

    /** Every panel that reads an index, as parameterized-test arguments: its id, then the panel. */
    public static Stream<Arguments> readingAnIndex() {
        return VisualizationTranslator.readingAnIndex(FILE).stream().map(v -> Arguments.of(v.id(), v));
    }

    /** The ids of the panels that read an index, sorted. */
    public static Set<String> idsReadingAnIndex() {
        return VisualizationTranslator.readingAnIndex(FILE).stream().map(SavedVisualization::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The ids of the panels placed on the dashboard {@code dashboardId}, sorted. */
    public static Set<String> onDashboard(String dashboardId) {
        JsonNode dashboard = FILE.get("dashboard", dashboardId).orElseThrow();
        Set<String> panels = new TreeSet<>();
        dashboard.get("references").forEach(r -> panels.add(r.get("id").asText()));
        return panels;
    }
}
