package dev.footfall.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the field tables of docs/index-schema.md (the contract the Flink job writes against), so
 * the templates are checked against the document itself rather than a copy of it.
 */
final class IndexSchemaDoc {

    /** One documented field: its mapping type and the sub-field the doc promises, if any. */
    record DocField(String name, String type, boolean indexed, String subField) {
    }

    private static final Pattern HEADING = Pattern.compile("^## `footfall-(\\w+)-YYYY\\.MM\\.DD`.*");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern SUB_FIELD = Pattern.compile("sub-field `([^`]+)`");

    static Path locate() {
        Path p = Path.of("..", "docs", "index-schema.md");
        if (!Files.exists(p)) {
            p = Path.of("docs", "index-schema.md");
        }
        return p;
    }

    static Map<IndexFamily, Map<String, DocField>> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(locate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<IndexFamily, Map<String, DocField>> families = new EnumMap<>(IndexFamily.class);
        IndexFamily current = null;
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                current = IndexFamily.byShortName(heading.group(1));
                families.put(current, new LinkedHashMap<>());
                continue;
            }
            if (line.startsWith("## ")) {
                current = null;
                continue;
            }
            if (current == null || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            List<String> names = new ArrayList<>();
            Matcher m = BACKTICKED.matcher(cells[1]);
            while (m.find()) {
                names.add(m.group(1));
            }
            String typeCell = cells[2].trim();
            String[] positional = typeCell.split(",\\s*");
            boolean onePerField = positional.length == names.size() && names.size() > 1;
            for (int i = 0; i < names.size(); i++) {
                String phrase = onePerField ? positional[i] : typeCell;
                families.get(current).put(names.get(i), toField(names.get(i), phrase));
            }
        }
        return families;
    }

    private static DocField toField(String name, String phrase) {
        String type = phrase.trim().split("[\\s,(]")[0];
        boolean indexed = !phrase.contains("not indexed");
        Matcher sub = SUB_FIELD.matcher(phrase);
        return new DocField(name, type, indexed, sub.find() ? sub.group(1) : null);
    }

    private IndexSchemaDoc() {
    }
}
