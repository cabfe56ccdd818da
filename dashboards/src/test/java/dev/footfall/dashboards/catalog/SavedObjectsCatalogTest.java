package dev.footfall.dashboards.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.dashboards.savedobjects.ImportValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SavedObjectsCatalogTest {

    static String shippedNdjson() throws IOException {
        try (InputStream in = SavedObjectsCatalogTest.class.getResourceAsStream(SavedObjectsCatalog.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shippedNdjsonIsTheCatalogWrittenOut() throws IOException {
        String generated = SavedObjectsCatalog.toNdjson();
        if (!generated.equals(shippedNdjson())) {
            Path fresh = Path.of("target", "footfall-saved-objects.ndjson");
            Files.writeString(fresh, generated, StandardCharsets.UTF_8);
            throw new AssertionError("src/main/resources" + SavedObjectsCatalog.RESOURCE + " is stale; the catalog's output is in "
                    + fresh.toAbsolutePath() + ": copy it over (or run SavedObjectsCatalog.main from the repository root)");
        }
    }

    @Test
    void shippedNdjsonImportsCleanly() throws IOException {
        assertThat(ImportValidator.validate(shippedNdjson())).isEmpty();
    }

    @Test
    void fourDashboardsOverOneIndexPatternPerFamily() {
        Map<String, List<String>> idsByType = SavedObjectsCatalog.objects().stream().collect(Collectors.groupingBy(
                o -> o.get("type").asText(), Collectors.mapping(o -> o.get("id").asText(), Collectors.toList())));
        assertThat(idsByType.get("dashboard")).containsExactlyElementsOf(SavedObjectsCatalog.DASHBOARD_IDS);
        assertThat(idsByType.get("index-pattern")).containsExactly("footfall-events", "footfall-sessions", "footfall-rollups",
                "footfall-invalid", "footfall-health", "footfall-goals", "footfall-funnels");
        assertThat(idsByType.get("search")).containsExactlyInAnyOrder("footfall-search-recent-events", "footfall-search-invalid-events");
    }

    @Test
    void realtimeShowsTheLastFiveMinutesAndRefreshesItself() {
        ObjectNode realtime = byId(Realtime.DASHBOARD_ID);
        JsonNode attributes = realtime.get("attributes");
        assertThat(attributes.get("timeRestore").asBoolean()).isTrue();
        assertThat(attributes.get("timeFrom").asText()).isEqualTo("now-5m");
        assertThat(attributes.get("timeTo").asText()).isEqualTo("now");
        assertThat(attributes.at("/refreshInterval/pause").asBoolean()).isFalse();
        assertThat(attributes.at("/refreshInterval/value").asInt()).isBetween(5_000, 30_000);
    }

    @Test
    void visitorCountsExcludeBots() {
        for (ObjectNode o : SavedObjectsCatalog.objects()) {
            if (!"visualization".equals(o.get("type").asText())) {
                continue;
            }
            String visState = o.at("/attributes/visState").asText();
            // Goal conversions and funnel attempts are written for people only: they carry no is_bot.
            boolean peopleOnly = o.path("references").findValuesAsText("id").stream()
                    .anyMatch(id -> id.equals(IndexPatterns.GOALS.id()) || id.equals(IndexPatterns.FUNNELS.id()));
            if (visState.contains("\"field\":\"visitor_id\"") && !peopleOnly) {
                String source = o.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText();
                assertThat(Json.parse(source).path("filter").findValues("match_phrase"))
                        .as(o.get("id").asText()).anySatisfy(m -> assertThat(m.path("is_bot").isBoolean() && !m.path("is_bot").asBoolean()).isTrue());
            }
        }
    }

    @Test
    void panelsDoNotOverlapOnTheGrid() {
        for (String id : SavedObjectsCatalog.DASHBOARD_IDS) {
            JsonNode panels = Json.parse(byId(id).at("/attributes/panelsJSON").asText());
            boolean[][] cells = new boolean[400][48];
            for (JsonNode p : panels) {
                JsonNode g = p.get("gridData");
                assertThat(g.get("x").asInt() + g.get("w").asInt()).as(id).isLessThanOrEqualTo(48);
                for (int y = g.get("y").asInt(); y < g.get("y").asInt() + g.get("h").asInt(); y++) {
                    for (int x = g.get("x").asInt(); x < g.get("x").asInt() + g.get("w").asInt(); x++) {
                        assertThat(cells[y][x]).as(id + " cell " + x + "," + y).isFalse();
                        cells[y][x] = true;
                    }
                }
            }
        }
    }

    private static ObjectNode byId(String id) {
        return SavedObjectsCatalog.objects().stream().filter(o -> o.get("id").asText().equals(id)).findFirst().orElseThrow();
    }
}
