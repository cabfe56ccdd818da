package dev.footfall.dashboards.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.IndexFamily;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {

    @Test
    void settingsOverrideShardsAndReplicas() {
        ObjectNode t = IndexTemplates.forSettings(IndexFamily.SESSIONS, new IndexSettings(3, 1));
        assertThat(t.at("/template/settings/index/number_of_shards").asInt()).isEqualTo(3);
        assertThat(t.at("/template/settings/index/number_of_replicas").asInt()).isEqualTo(1);
        assertThat(t.at("/template/mappings/properties/session_id/type").asText()).isEqualTo("keyword");
    }
}
