package dev.footfall.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class IndexFamilyTest {

    @Test
    void dailyIndexNamesCarryTheirUtcDay() {
        assertThat(IndexFamily.EVENTS.dailyIndex(LocalDate.of(2025, 3, 4))).isEqualTo("footfall-events-2025.03.04");
        assertThat(IndexFamily.EVENTS.dayOf("footfall-events-2025.03.04")).contains(LocalDate.of(2025, 3, 4));
        assertThat(IndexFamily.EVENTS.dayOf("footfall-events-2025.3.4")).isEmpty();
        assertThat(IndexFamily.EVENTS.dayOf("footfall-events-latest")).isEmpty();
        assertThat(IndexFamily.EVENTS.dayOf("footfall-sessions-2025.03.04")).isEmpty();
        assertThat(IndexFamily.ofIndex("footfall-invalid-2025.03.04")).contains(IndexFamily.INVALID);
        assertThat(IndexFamily.ofIndex("footfall-invalid-*")).contains(IndexFamily.INVALID);
        assertThat(IndexFamily.ofIndex("other-2025.03.04")).isEmpty();
    }

    @Test
    void namesFollowFromTheShortName() {
        assertThat(IndexFamily.ROLLUPS.prefix()).isEqualTo("footfall-rollups");
        assertThat(IndexFamily.ROLLUPS.indexPattern()).isEqualTo("footfall-rollups-*");
        assertThat(IndexFamily.ROLLUPS.templateName()).isEqualTo("footfall-rollups");
        assertThat(IndexFamily.byShortName("rollups")).isEqualTo(IndexFamily.ROLLUPS);
        assertThatThrownBy(() -> IndexFamily.byShortName("rollup")).hasMessageContaining("'rollup'");
    }

    /**
     * A family named {@code events-hourly} would put {@code footfall-events-hourly-2026.03.01} under
     * {@code footfall-events-*}: every search, template and policy of events would take it too.
     */
    @Test
    void noFamilysPatternCoversAnotherFamilysIndices() {
        for (IndexFamily a : IndexFamily.values()) {
            for (IndexFamily b : IndexFamily.values()) {
                if (a != b) {
                    assertThat(b.prefix() + "-").as(b + " under " + a.indexPattern()).doesNotStartWith(a.prefix() + "-");
                }
            }
        }
    }

    @Test
    void defaultRetentionIsWhatSecurityMdPromises() {
        // 2 years of 365 days: 2 * 365 = 730 days.
        assertThat(IndexFamily.EVENTS.defaultRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(IndexFamily.SESSIONS.defaultRetention()).isEqualTo(Duration.ofDays(730));
        assertThat(IndexFamily.ROLLUPS.defaultRetention()).isEqualTo(Duration.ofDays(730));
        assertThat(IndexFamily.INVALID.defaultRetention()).isEqualTo(Duration.ofDays(14));
        assertThat(IndexFamily.HEALTH.defaultRetention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void everyFieldNameIsMappedByItsFamilysTemplate() throws IllegalAccessException {
        for (IndexFamily family : IndexFamily.values()) {
            JsonNode properties = family.template().at("/template/mappings/properties");
            assertThat(properties.has(family.timeField())).as(family + " maps its time field").isTrue();
            for (String common : constants(Fields.class)) {
                assertThat(properties.has(common)).as(family + " maps " + common).isTrue();
            }
        }
        List<String> checked = new ArrayList<>();
        for (Class<?> nested : Fields.class.getDeclaredClasses()) {
            if (nested.isInterface()) {
                continue; // a set of fields several families share: checked through each of them
            }
            IndexFamily family = IndexFamily.valueOf(nested.getSimpleName().toUpperCase(Locale.ROOT));
            JsonNode properties = family.template().at("/template/mappings/properties");
            for (String field : constants(nested)) {
                assertThat(properties.has(field)).as("Fields." + nested.getSimpleName() + " " + field
                        + " is mapped by " + family.templateName()).isTrue();
            }
            checked.add(family.name());
        }
        assertThat(checked).as("a Fields class per family").hasSize(IndexFamily.values().length);
    }

    /** The holder's string constants, with those it takes from a shared set ({@link Fields.SourceAndDevice}). */
    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                out.add((String) field.get(null));
            }
        }
        return out;
    }
}
