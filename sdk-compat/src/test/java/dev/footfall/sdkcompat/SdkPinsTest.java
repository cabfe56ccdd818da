package dev.footfall.sdkcompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SDK versions the compatibility tests install are pinned exactly, named in the README's
 * compatibility claim, and fetched by name only: the lock file carries no download URL.
 */
class SdkPinsTest {

    private static final Path NPM = Path.of("src", "test", "npm");

    @Test
    void everySdkIsPinnedToOneVersionAndTheLockFileAgrees() throws IOException {
        JsonNode packageJson = new ObjectMapper().readTree(NPM.resolve("package.json").toFile());
        JsonNode lock = new ObjectMapper().readTree(NPM.resolve("package-lock.json").toFile());
        Iterator<Map.Entry<String, JsonNode>> pins = packageJson.path("dependencies").fields();
        int count = 0;
        while (pins.hasNext()) {
            Map.Entry<String, JsonNode> pin = pins.next();
            assertThat(pin.getValue().asText()).as(pin.getKey()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(lock.path("packages").path("node_modules/" + pin.getKey()).path("version").asText())
                    .as(pin.getKey() + " in the lock file").isEqualTo(pin.getValue().asText());
            count++;
        }
        assertThat(count).isEqualTo(5);
    }

    @Test
    void theLockFileNamesNoRegistryAndNoDownloadUrl() throws IOException {
        String lock = Files.readString(NPM.resolve("package-lock.json"));
        assertThat(lock).doesNotContain("\"resolved\"").doesNotContain("://");
    }

    @Test
    void theReadmesCompatibilityClaimNamesEveryTestedSdkAndItsVersion() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        JsonNode pins = new ObjectMapper().readTree(NPM.resolve("package.json").toFile()).path("dependencies");
        pins.fields().forEachRemaining(pin ->
                assertThat(readme).contains("`" + pin.getKey() + "` " + pin.getValue().asText()));
        Matcher java = Pattern.compile("<segment-analytics.version>(.+)</segment-analytics.version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(java.find()).isTrue();
        assertThat(readme).contains("`analytics-java` " + java.group(1));
    }
}
