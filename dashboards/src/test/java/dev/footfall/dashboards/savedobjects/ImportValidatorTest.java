package dev.footfall.dashboards.savedobjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator accepts a minimal valid file and rejects each deliberately broken fixture for
 * exactly the rule the fixture breaks (file name = rule code, with an optional -variant suffix).
 */
class ImportValidatorTest {

    private static Path resource(String name) {
        try {
            return Path.of(ImportValidatorTest.class.getResource("/savedobjects/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> brokenFixtures() throws IOException {
        try (Stream<Path> files = Files.list(resource("broken"))) {
            return files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
        }
    }

    private static ImportRule ruleOf(Path fixture) {
        String name = fixture.getFileName().toString().replace(".ndjson", "");
        int dash = name.indexOf('-');
        return ImportRule.valueOf(dash < 0 ? name : name.substring(0, dash));
    }

    @Test
    void aMinimalValidFileWithAnExportSummaryPasses() throws IOException {
        String ndjson = Files.readString(resource("valid-minimal.ndjson"), StandardCharsets.UTF_8);
        assertThat(ImportValidator.validate(ndjson)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFixtures")
    void eachBrokenFixtureFailsForExactlyItsRule(Path fixture) throws IOException {
        List<ImportProblem> problems = ImportValidator.validate(Files.readString(fixture, StandardCharsets.UTF_8));
        Set<ImportRule> rules = problems.stream().map(ImportProblem::rule).collect(Collectors.toSet());
        assertThat(rules).as(problems.toString()).containsExactly(ruleOf(fixture));
    }

    @Test
    void everyRuleHasABrokenFixture() throws IOException {
        Set<ImportRule> covered = brokenFixtures().stream().map(ImportValidatorTest::ruleOf).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(ImportRule.class));
    }

    @Test
    void problemsNameTheLineTheObjectAndTheCause() throws IOException {
        List<ImportProblem> problems = ImportValidator.validate(
                Files.readString(resource("broken/MISSING_REFERENCE.ndjson"), StandardCharsets.UTF_8));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.object()).isEqualTo("visualization:visitors");
            assertThat(p.message()).contains("index-pattern:no-such-pattern", "missing_references");
        });
    }

    @Test
    void aBlankFileIsValidAndANonObjectLineIsNot() {
        assertThat(ImportValidator.validate("\n\n")).isEmpty();
        assertThat(ImportValidator.validate("[1,2]\n")).extracting(ImportProblem::rule).containsExactly(ImportRule.INVALID_JSON_LINE);
    }
}
