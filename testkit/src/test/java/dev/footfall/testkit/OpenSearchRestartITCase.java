package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.footfall.embedded.EmbeddedOpenSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping and starting a node keeps its HTTP port and its indices: what the fault tests
 * (OpenSearch unavailable for a while) and the local mode (data kept across launches) rely on.
 * These tests run nodes of their own, not the shared one.
 */
class OpenSearchRestartITCase {

    @Test
    void shouldComeBackOnTheSamePortWithItsIndicesAfterStop() {
        Path directory;
        try (EmbeddedOpenSearch node = EmbeddedOpenSearch.builder().build().start()) {
            directory = node.directory();
            OpenSearchTestClient search = new OpenSearchTestClient(node);
            search.createIndex("restart-events", "{\"properties\":{\"event\":{\"type\":\"keyword\"}}}");
            search.bulkIndex("restart-events", List.of(Map.of("event", "before stop")));
            String url = node.httpUrl();

            node.stop();
            assertThat(node.isRunning()).isFalse();
            assertThatThrownBy(() -> search.count("restart-events")).as("unreachable while stopped")
                    .isInstanceOf(UncheckedIOException.class);
            node.start();

            assertThat(node.httpUrl()).isEqualTo(url);
            search.bulkIndex("restart-events", List.of(Map.of("event", "after restart")));
            assertThat(search.count("restart-events")).isEqualTo(2);
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void shouldReopenAKeptDirectoryInANewNode(@TempDir Path kept) {
        try (EmbeddedOpenSearch first = EmbeddedOpenSearch.builder().directory(kept).build().start()) {
            OpenSearchTestClient search = new OpenSearchTestClient(first);
            search.createIndex("kept-events", "{\"properties\":{\"event\":{\"type\":\"keyword\"}}}");
            search.bulkIndex("kept-events", List.of(Map.of("event", "first launch")));
        }
        assertThat(kept.resolve("data")).isNotEmptyDirectory();

        try (EmbeddedOpenSearch second = EmbeddedOpenSearch.builder().directory(kept).build().start()) {
            OpenSearchTestClient search = new OpenSearchTestClient(second);
            search.bulkIndex("kept-events", List.of(Map.of("event", "second launch")));

            assertThat(search.count("kept-events")).isEqualTo(2);
        }
        assertThat(kept.resolve("data")).isNotEmptyDirectory();
    }
}
