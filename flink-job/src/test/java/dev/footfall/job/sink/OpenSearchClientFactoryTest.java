package dev.footfall.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenSearchClientFactoryTest {

    @Test
    void shouldNameTheServerTheUserAndWhatToCheckWhenCredentialsAreRefused() {
        assertThat(OpenSearchClientFactory.refusal("https://search:9200", "footfall", 401))
                .contains("https://search:9200").contains("user 'footfall'").contains("HTTP 401")
                .contains("--opensearch-password-file").contains("nothing is lost");
        assertThat(OpenSearchClientFactory.refusal("https://search:9200", "reader", 403))
                .contains("denied user 'reader'").contains("HTTP 403").contains("permission");
    }
}
