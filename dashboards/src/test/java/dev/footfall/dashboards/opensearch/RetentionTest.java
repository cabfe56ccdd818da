package dev.footfall.dashboards.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.index.IndexFamily;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetentionTest {

    @Test
    void defaultsAreTheAgreedRetention() {
        RetentionSettings d = RetentionSettings.defaults();
        assertThat(d.ageOf(IndexFamily.EVENTS).toTimeValue()).isEqualTo("90d");
        assertThat(d.ageOf(IndexFamily.INVALID).toTimeValue()).isEqualTo("14d");
        assertThat(d.ageOf(IndexFamily.SESSIONS).toTimeValue()).isEqualTo("730d");
        assertThat(d.ageOf(IndexFamily.ROLLUPS).toTimeValue()).isEqualTo("730d");
        assertThat(d.ageOf(IndexFamily.HEALTH).toTimeValue()).isEqualTo("90d");
    }

    @Test
    void agesParseAndPrintAsOpenSearchTimeValues() {
        assertThat(RetentionAge.parse("2y").duration()).isEqualTo(Duration.ofDays(730));
        assertThat(RetentionAge.parse("4w").toTimeValue()).isEqualTo("28d");
        assertThat(RetentionAge.parse("36h").toTimeValue()).isEqualTo("36h");
        assertThat(RetentionAge.parse("48h").toTimeValue()).isEqualTo("2d");
        assertThatThrownBy(() -> RetentionAge.parse("90 days")).hasMessageContaining("'90 days'");
        assertThatThrownBy(() -> RetentionAge.parse("0d")).hasMessageContaining("positive");
    }

    @ParameterizedTest
    @EnumSource(IndexFamily.class)
    void policyDeletesTheFamilysIndicesAfterItsAge(IndexFamily family) {
        RetentionAge age = RetentionAge.parse("30d");
        JsonNode policy = IsmPolicies.policy(family, age).path("policy");

        assertThat(policy.path("default_state").asText()).isEqualTo("retain");
        JsonNode states = policy.path("states");
        assertThat(states).hasSize(2);
        JsonNode retain = states.get(0);
        assertThat(retain.path("name").asText()).isEqualTo("retain");
        assertThat(retain.path("actions")).isEmpty();
        assertThat(retain.path("transitions")).hasSize(1);
        assertThat(retain.at("/transitions/0/state_name").asText()).isEqualTo("delete");
        assertThat(retain.at("/transitions/0/conditions/min_index_age").asText()).isEqualTo("30d");
        JsonNode delete = states.get(1);
        assertThat(delete.path("name").asText()).isEqualTo("delete");
        assertThat(delete.path("actions")).hasSize(1);
        assertThat(delete.at("/actions/0").fieldNames()).toIterable().containsExactly("delete");
        assertThat(delete.path("transitions")).isEmpty();
        assertThat(policy.at("/ism_template/0/index_patterns")).hasSize(1);
        assertThat(policy.at("/ism_template/0/index_patterns/0").asText()).isEqualTo(family.indexPattern());
        assertThat(policy.at("/ism_template/0/priority").isInt()).isTrue();
        assertThat(policy.path("description").asText()).contains(family.indexPattern(), "30d");
    }

    @Test
    void policyDescriptionChangesWithTheAgeSoAnUpdateIsDetected() {
        assertThat(IsmPolicies.description(IndexFamily.EVENTS, RetentionAge.parse("90d")))
                .isNotEqualTo(IsmPolicies.description(IndexFamily.EVENTS, RetentionAge.parse("30d")));
    }

    @Test
    void anIndexExpiresOnceItsWholeDayIsOlderThanTheAge() {
        RetentionAge fourteenDays = RetentionAge.parse("14d");
        LocalDate day = LocalDate.of(2025, 3, 1);
        // The day ends 2025-03-02T00:00Z; 14 days later is 2025-03-16T00:00Z.
        assertThat(DailyIndexRetention.isExpired(day, fourteenDays, Instant.parse("2025-03-15T23:59:59Z"))).isFalse();
        assertThat(DailyIndexRetention.isExpired(day, fourteenDays, Instant.parse("2025-03-16T00:00:00Z"))).isTrue();
    }
}
