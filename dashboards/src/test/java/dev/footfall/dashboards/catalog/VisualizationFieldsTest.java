package dev.footfall.dashboards.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.dashboards.savedobjects.SavedObjectsFile;
import dev.footfall.dashboards.translate.SavedVisualization;
import dev.footfall.dashboards.translate.VisualizationTranslator;
import dev.footfall.index.IndexFamily;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The import cannot tell a panel that aggregates on a missing or text field: it imports and then
 * fails to render. So every field each visualization reads must be in its index family's template
 * with a type that aggregates (and a numeric type where the metric needs numbers).
 */
class VisualizationFieldsTest {

    private static final Set<String> AGGREGATABLE = Set.of("keyword", "date", "boolean", "long", "integer", "short", "byte",
            "double", "float", "scaled_float", "ip");
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float", "scaled_float");
    private static final SavedObjectsFile FILE = SavedObjectsFile.footfall();

    private static IndexFamily familyOf(String indexPatternId) {
        JsonNode pattern = FILE.get("index-pattern", indexPatternId).orElseThrow();
        return IndexFamily.ofIndex(pattern.at("/attributes/title").asText()).orElseThrow();
    }

    private static String typeOf(IndexFamily family, String field) {
        return family.template().at("/template/mappings/properties").path(field).path("type").asText("(missing)");
    }

    @Test
    void everyFieldAVisualizationReadsIsMappedAndAggregatable() {
        int checked = 0;
        for (JsonNode o : FILE.ofType("visualization")) {
            SavedVisualization vis = SavedVisualization.of(o);
            if (vis.indexPatternId().isEmpty()) {
                assertThat(vis.visType()).as(vis.id()).isEqualTo("markdown");
                continue;
            }
            IndexFamily family = familyOf(vis.indexPatternId().get());
            for (String field : VisualizationTranslator.fieldsRead(vis)) {
                assertThat(typeOf(family, field)).as(vis.id() + " reads " + family.indexPattern() + " " + field).isIn(AGGREGATABLE);
                checked++;
            }
            for (SavedVisualization.AggConfig agg : vis.aggs()) {
                if (List.of("sum", "avg", "min", "max").contains(agg.type())) {
                    assertThat(typeOf(family, agg.field().orElseThrow())).as(vis.id() + " " + agg.type()).isIn(NUMERIC);
                }
                if ("date_histogram".equals(agg.type())) {
                    assertThat(typeOf(family, agg.field().orElseThrow())).as(vis.id() + " date_histogram").isEqualTo("date");
                }
            }
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void savedSearchColumnsExistAndTheirSortFieldIsADate() {
        for (JsonNode search : FILE.ofType("search")) {
            String indexPatternId = search.path("references").findValues("id").get(0).asText();
            IndexFamily family = familyOf(indexPatternId);
            for (JsonNode column : search.at("/attributes/columns")) {
                assertThat(typeOf(family, column.asText())).as(search.get("id") + " column " + column).isNotEqualTo("(missing)");
            }
            assertThat(typeOf(family, search.at("/attributes/sort/0/0").asText())).isEqualTo("date");
        }
    }

    @Test
    void aTextOrFlatObjectFieldWouldBeCaught() {
        assertThat(typeOf(IndexFamily.EVENTS, "properties")).isNotIn(AGGREGATABLE);
        assertThat(typeOf(IndexFamily.INVALID, "payload")).isNotIn(AGGREGATABLE);
        assertThat(typeOf(IndexFamily.EVENTS, "no_such_field")).isNotIn(AGGREGATABLE);
    }
}
