package dev.footfall.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's results: its figures, notes on how it was measured, and details (sizes,
 * counts, raw tool output) for anyone who wants to check the figures. The benchmark fills the
 * collections as it measures.
 */
public record Section(String id, String title, List<Figure> figures, List<String> notes, Map<String, Object> details,
        List<Table> tables) {

    /** A table of its own, e.g. a time series, one row per minute; cells are written as given. */
    public record Table(String caption, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** An empty section, to be filled. */
    public Section(String id, String title) {
        this(id, title, new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
    }

    public Section table(Table table) {
        tables.add(table);
        return this;
    }

    public Section add(Figure figure) {
        figures.add(figure);
        return this;
    }

    public Section note(String note) {
        notes.add(note);
        return this;
    }

    public Section detail(String key, Object value) {
        details.put(key, value);
        return this;
    }
}
