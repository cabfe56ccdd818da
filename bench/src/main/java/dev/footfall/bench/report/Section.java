package dev.footfall.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's results: its figures, notes on how it was measured, and details (sizes,
 * counts, raw tool output) for anyone who wants to check the figures.
 */
public final class Section {

    private final String id;
    private final String title;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();

    /** A table of its own, e.g. a time series, one row per minute; cells are written as given. */
    public record Table(String caption, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    public Section(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<Figure> figures() {
        return figures;
    }

    public List<String> notes() {
        return notes;
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<Table> tables() {
        return tables;
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
