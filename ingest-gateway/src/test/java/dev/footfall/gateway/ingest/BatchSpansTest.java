package dev.footfall.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchSpansTest {

    private static int[] sizes(String json, int count) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return BatchSpans.elementSizes(bytes, 0, bytes.length, count);
    }

    @Test
    void shouldMeasureEachElementAsSent() {
        String first = "{\"type\":\"track\",\"event\":\"a]}\\\"b\",\"properties\":{\"x\":[1,{\"y\":\"}\"}]}}";
        String second = "{ \"type\" : \"page\" }";
        String json = "{\"sentAt\":\"2026-01-01T00:00:00Z\",\"context\":{\"batch\":[1,2,3]},\"batch\": [ " + first + " ,"
                + second + "\n], \"writeKey\":\"k\"}";

        assertThat(sizes(json, 2)).containsExactly(first.getBytes(StandardCharsets.UTF_8).length, second.length());
    }

    @Test
    void shouldCountBytesNotCharacters() {
        String element = "{\"event\":\"Größe ✓\"}";

        assertThat(sizes("{\"batch\":[" + element + "]}", 1)).containsExactly(element.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldMeasureScalarsAndEmptyBatches() {
        assertThat(sizes("{\"batch\":[\"abc\",12,null]}", 3)).containsExactly(5, 2, 4);
        assertThat(sizes("{\"batch\":[]}", 0)).isEmpty();
    }

    @Test
    void shouldReadAnEscapedKeyAsJsonDoes() {
        // An escaped letter in the key still spells batch; the element {"a":1} is 7 bytes.
        assertThat(sizes("{\"\\u0062atch\":[{\"a\":1}]}", 1)).containsExactly(7);
    }

    @Test
    void shouldGiveUpWhenThereIsNoBatchOfTheExpectedLength() {
        assertThat(sizes("{\"batch\":[{},{}]}", 3)).as("count mismatch").isNull();
        assertThat(sizes("{\"batch\":[{},{}]}", 1)).as("more elements than expected").isNull();
        assertThat(sizes("{\"batch\":{}}", 0)).as("not an array").isNull();
        assertThat(sizes("{\"other\":1}", 0)).isNull();
    }
}
