package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code params} of each visualization type, with the defaults OSD 2.x's editors write
 * (vis_type_metric, vis_type_table, vis_type_vislib, vis_type_markdown), so a panel renders
 * exactly as if it had been built by hand in the editor.
 */
final class VisParams {

    static ObjectNode metric() {
        ObjectNode p = Json.object();
        p.put("addTooltip", true);
        p.put("addLegend", false);
        p.put("type", "metric");
        ObjectNode metric = p.putObject("metric");
        metric.put("percentageMode", false);
        metric.put("useRanges", false);
        metric.put("colorSchema", "Green to Red");
        metric.put("metricColorMode", "None");
        metric.putArray("colorsRange").addObject().put("from", 0).put("to", 10000);
        metric.putObject("labels").put("show", true);
        metric.put("invertColors", false);
        ObjectNode style = metric.putObject("style");
        style.put("bgFill", "#000");
        style.put("bgColor", false);
        style.put("labelColor", false);
        style.put("subText", "");
        style.put("fontSize", 36);
        return p;
    }

    static ObjectNode table(int perPage) {
        ObjectNode p = Json.object();
        p.put("perPage", perPage);
        p.put("showPartialRows", false);
        p.put("showMetricsAtAllLevels", false);
        p.put("showTotal", false);
        p.put("totalFunc", "sum");
        p.put("percentageCol", "");
        return p;
    }

    /** A donut whose labels show each slice's share in percent. */
    static ObjectNode pie() {
        ObjectNode p = Json.object();
        p.put("type", "pie");
        p.put("addTooltip", true);
        p.put("addLegend", true);
        p.put("legendPosition", "right");
        p.put("isDonut", true);
        ObjectNode labels = p.putObject("labels");
        labels.put("show", true);
        labels.put("values", true);
        labels.put("last_level", true);
        labels.put("truncate", 100);
        return p;
    }

    static ObjectNode markdown(String text) {
        ObjectNode p = Json.object();
        p.put("fontSize", 12);
        p.put("openLinksInNewTab", false);
        p.put("markdown", text);
        return p;
    }

    /**
     * A point-series chart: {@code chartType} is line, area or histogram; one series per metric
     * (id and label), stacked for bars.
     */
    static ObjectNode pointSeries(String chartType, List<String[]> metricIdAndLabel, String valueAxisTitle) {
        ObjectNode p = Json.object();
        p.put("type", chartType);
        p.putObject("grid").put("categoryLines", false);
        ObjectNode category = p.putArray("categoryAxes").addObject();
        category.put("id", "CategoryAxis-1");
        category.put("type", "category");
        category.put("position", "bottom");
        category.put("show", true);
        category.putObject("style");
        category.putObject("scale").put("type", "linear");
        category.putObject("labels").put("show", true).put("filter", true).put("truncate", 100);
        category.putObject("title");
        ObjectNode value = p.putArray("valueAxes").addObject();
        value.put("id", "ValueAxis-1");
        value.put("name", "LeftAxis-1");
        value.put("type", "value");
        value.put("position", "left");
        value.put("show", true);
        value.putObject("style");
        value.putObject("scale").put("type", "linear").put("mode", "normal");
        value.putObject("labels").put("show", true).put("rotate", 0).put("filter", false).put("truncate", 100);
        value.putObject("title").put("text", valueAxisTitle);
        ArrayNode series = p.putArray("seriesParams");
        boolean bars = "histogram".equals(chartType);
        for (String[] m : metricIdAndLabel) {
            ObjectNode s = series.addObject();
            s.put("show", true);
            s.put("type", chartType);
            s.put("mode", bars ? "stacked" : "normal");
            s.putObject("data").put("label", m[1]).put("id", m[0]);
            s.put("valueAxis", "ValueAxis-1");
            s.put("drawLinesBetweenPoints", true);
            s.put("lineWidth", 2);
            s.put("interpolate", "linear");
            s.put("showCircles", true);
        }
        p.put("addTooltip", true);
        p.put("addLegend", true);
        p.put("legendPosition", "right");
        p.putArray("times");
        p.put("addTimeMarker", false);
        p.putObject("labels").put("show", false);
        ObjectNode threshold = p.putObject("thresholdLine");
        threshold.put("show", false);
        threshold.put("value", 10);
        threshold.put("width", 1);
        threshold.put("style", "full");
        threshold.put("color", "#E7664C");
        return p;
    }

    private VisParams() {
    }
}
