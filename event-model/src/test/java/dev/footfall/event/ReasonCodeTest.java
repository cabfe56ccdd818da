package dev.footfall.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReasonCodeTest {

    @Test
    void codesAreUniqueSnakeCaseAndRoundTrip() {
        assertThat(Arrays.stream(ReasonCode.values()).map(ReasonCode::code).distinct().count())
                .isEqualTo(ReasonCode.values().length);
        for (ReasonCode reason : ReasonCode.values()) {
            assertThat(reason.code()).matches("[a-z0-9]+(_[a-z0-9]+)*");
            assertThat(ReasonCode.fromCode(reason.code())).isSameAs(reason);
        }
        assertThat(ReasonCode.fromCode("no_such_code")).isNull();
    }

    @Test
    void everyCodeIsDocumentedInTheEventSpec() throws Exception {
        String spec = Files.readString(Path.of("..", "docs", "event-spec.md"));
        for (ReasonCode reason : ReasonCode.values()) {
            assertThat(spec).as("docs/event-spec.md documents " + reason.code()).contains("`" + reason.code() + "`");
        }
    }
}
