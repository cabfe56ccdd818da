package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a dashboard: panels laid out on OSD's 48-column grid, left to right and then down, each
 * panel a reference ({@code panel_N}) to a visualization or saved search.
 */
final class Dashboard {

    private static final int GRID_COLUMNS = 48;
    private static final String PANEL_VERSION = "2.19.0";

    private record Panel(String type, String id, int width, int height) {
    }

    private final String id;
    private final String title;
    private final String description;
    private final String timeFrom;
    private final String timeTo;
    private final boolean autoRefresh;
    private final int refreshMillis;
    private final List<Panel> panels = new ArrayList<>();

    private Dashboard(String id, String title, String description, String timeFrom, String timeTo,
                      boolean autoRefresh, int refreshMillis) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.timeFrom = timeFrom;
        this.timeTo = timeTo;
        this.autoRefresh = autoRefresh;
        this.refreshMillis = refreshMillis;
    }

    static Dashboard of(String id, String title, String description, String timeFrom) {
        return new Dashboard(id, title, description, timeFrom, "now", false, 0);
    }

    static Dashboard autoRefreshing(String id, String title, String description, String timeFrom, int refreshMillis) {
        return new Dashboard(id, title, description, timeFrom, "now", true, refreshMillis);
    }

    Dashboard vis(Vis vis, int width, int height) {
        panels.add(new Panel("visualization", vis.id(), width, height));
        return this;
    }

    Dashboard search(String searchId, int width, int height) {
        panels.add(new Panel("search", searchId, width, height));
        return this;
    }

    ObjectNode build() {
        ArrayNode panelArray = Json.array();
        ArrayNode references = Json.array();
        int x = 0;
        int y = 0;
        int rowHeight = 0;
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            if (x + p.width() > GRID_COLUMNS) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            String index = String.valueOf(i + 1);
            ObjectNode panel = panelArray.addObject();
            panel.put("version", PANEL_VERSION);
            ObjectNode grid = panel.putObject("gridData");
            grid.put("x", x);
            grid.put("y", y);
            grid.put("w", p.width());
            grid.put("h", p.height());
            grid.put("i", index);
            panel.put("panelIndex", index);
            panel.putObject("embeddableConfig");
            panel.put("panelRefName", "panel_" + i);
            SearchSource.reference(references, "panel_" + i, p.type(), p.id());
            x += p.width();
            rowHeight = Math.max(rowHeight, p.height());
        }
        ObjectNode attributes = SavedObjects.attributes(title, description);
        attributes.put("hits", 0);
        attributes.put("panelsJSON", Json.compact(panelArray));
        attributes.put("optionsJSON", "{\"hidePanelTitles\":false,\"useMargins\":true}");
        attributes.put("version", 1);
        attributes.put("timeRestore", true);
        attributes.put("timeFrom", timeFrom);
        attributes.put("timeTo", timeTo);
        ObjectNode refresh = attributes.putObject("refreshInterval");
        refresh.put("pause", !autoRefresh);
        refresh.put("value", refreshMillis);
        attributes.putObject("kibanaSavedObjectMeta")
                .put("searchSourceJSON", SearchSource.NONE);
        return SavedObjects.object("dashboard", id, attributes, references);
    }
}
