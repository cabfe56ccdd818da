package dev.footfall.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IndexTemplatesTest {

    private static final Map<IndexFamily, Map<String, IndexSchemaDoc.DocField>> DOC = IndexSchemaDoc.read();

    @Test
    void docDescribesEveryFamily() {
        assertThat(DOC.keySet()).containsExactlyInAnyOrder(IndexFamily.values());
        DOC.values().forEach(fields -> assertThat(fields).containsKey("@timestamp"));
    }

    @ParameterizedTest
    @EnumSource(IndexFamily.class)
    void templateMapsExactlyTheDocumentedFields(IndexFamily family) {
        JsonNode properties = family.template().at("/template/mappings/properties");
        Set<String> mapped = new TreeSet<>();
        properties.fieldNames().forEachRemaining(mapped::add);
        assertThat(mapped).as("fields of " + family.templateName() + " vs docs/index-schema.md")
                .isEqualTo(new TreeSet<>(DOC.get(family).keySet()));
    }

    @ParameterizedTest
    @EnumSource(IndexFamily.class)
    void templateTypesMatchTheDoc(IndexFamily family) {
        JsonNode properties = family.template().at("/template/mappings/properties");
        for (IndexSchemaDoc.DocField field : DOC.get(family).values()) {
            JsonNode mapping = properties.get(field.name());
            assertThat(mapping.path("type").asText()).as(family + "." + field.name()).isEqualTo(field.type());
            assertThat(mapping.path("index").asBoolean(true)).as(family + "." + field.name() + " indexed").isEqualTo(field.indexed());
            if (field.subField() != null) {
                String sub = field.subField().substring(field.name().length() + 1);
                assertThat(mapping.at("/fields/" + sub + "/type").asText()).as(field.subField()).isEqualTo("text");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IndexFamily.class)
    void templatesAreStrictSingleNodeAndOwnTheirPattern(IndexFamily family) {
        ObjectNode template = family.template();
        assertThat(template.at("/index_patterns/0").asText()).isEqualTo(family.indexPattern());
        assertThat(template.path("index_patterns")).hasSize(1);
        assertThat(template.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
        assertThat(template.at("/template/settings/index/number_of_shards").asInt()).isEqualTo(1);
        assertThat(template.at("/template/settings/index/number_of_replicas").asInt()).isEqualTo(0);
        assertThat(template.at("/template/mappings/properties/@timestamp/type").asText()).isEqualTo("date");
    }

    @Test
    void freeFormPropertiesAreFlatObjectsWithKeywordCopiesForBreakdowns() {
        JsonNode events = IndexFamily.EVENTS.template().at("/template/mappings/properties");
        assertThat(events.at("/properties/type").asText()).isEqualTo("flat_object");
        assertThat(events.at("/traits/type").asText()).isEqualTo("flat_object");
        assertThat(events.at("/properties_kv/type").asText()).isEqualTo("keyword");
    }

    @Test
    void everyKeywordIsCappedSoAnOverlongValueCannotRejectADocument() {
        for (IndexFamily family : IndexFamily.values()) {
            Iterator<Map.Entry<String, JsonNode>> it = family.template().at("/template/mappings/properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if ("keyword".equals(e.getValue().path("type").asText())) {
                    assertThat(e.getValue().path("ignore_above").asInt()).as(family + "." + e.getKey())
                            .isBetween(256, 8191);
                }
            }
        }
    }
}
