package dev.footfall.definitions.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code footfall definitions apply} and {@code list} against a real Kafka broker: a valid file
 * lands on the compacted topic as one record per site; a file with any problem changes nothing
 * and says what is wrong, and where.
 */
@ExtendWith(KafkaExtension.class)
class DefinitionsCommandITCase {

    private static final String VALID = """
            {"goals": [
               {"site": "local", "name": "Signup", "event": "Signed Up", "props": {"plan": "pro"}},
               {"site": "shop", "name": "Saw pricing", "page": "/pricing*"}],
             "funnels": [
               {"site": "local", "name": "Signup flow", "window": "30m", "order": "ordered",
                "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]}]}
            """;

    @TempDir
    Path dir;

    private KafkaTestClient kafka;
    private String topic;
    private Path sites;
    private String out;
    private String err;

    @BeforeEach
    void setUp(KafkaTestClient kafka, org.junit.jupiter.api.TestInfo test) throws Exception {
        this.kafka = kafka;
        this.topic = "definitions." + test.getTestMethod().orElseThrow().getName();
        sites = Files.writeString(dir.resolve("sites.json"), """
                {"sites": [{"id": "shop", "writeKeys": ["wk_shop"], "allowedOrigins": []}]}""");
    }

    private int run(String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kafka", kafka.bootstrapServers(), "--topic", topic));
        int exit = new CommandLine(new DefinitionsCommand(Set.of("local")))
                .setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr)).execute(all.toArray(String[]::new));
        out = stdout.toString();
        err = stderr.toString();
        return exit;
    }

    private Path file(String json) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "definitions", ".json"), json);
    }

    private Map<String, DefinitionsTopic.Stored> inForce() {
        return new DefinitionsTopic(kafka.bootstrapServers(), topic).readAll();
    }

    @Test
    void shouldPutAValidFileInForceOneRecordPerSiteAndListIt() throws Exception {
        assertThat(run("apply", file(VALID).toString(), "--sites-file", sites.toString())).as(err).isZero();

        Map<String, DefinitionsTopic.Stored> stored = inForce();
        assertThat(stored).containsOnlyKeys("local", "shop");
        assertThat(Definitions.parse(stored.get("local").json())).isEqualTo(Definitions.parse(VALID).forSite("local"));
        assertThat(out).contains("+ goal Signup", "+ funnel Signup flow", "+ goal Saw pricing");

        assertThat(run("list")).isZero();
        assertThat(out).contains("Site local", "goal   Signup", "event \"Signed Up\" with {plan=pro}",
                "funnel Signup flow", "ordered, window 30m: page / > page /pricing > event \"Signed Up\"",
                "Site shop", "page /pricing*");
        assertThat(run("list", "--json")).isZero();
        assertThat(Definitions.parse(out)).isEqualTo(Definitions.parse(VALID));
    }

    @Test
    void shouldChangeNothingWhenAnyPartOfTheFileIsWrong() throws Exception {
        assertThat(run("apply", file(VALID).toString(), "--sites-file", sites.toString())).isZero();
        Map<String, DefinitionsTopic.Stored> before = inForce();

        Path broken = file("""
                {"goals": [
                   {"site": "local", "name": "Signup", "event": "Signed Up"},
                   {"site": "local", "name": "Signup", "page": "/welcome"},
                   {"site": "nowhere", "name": "Elsewhere", "page": "/"}],
                 "funnels": [
                   {"site": "local", "name": "Short", "steps": [{"page": "/"}]},
                   {"site": "local", "name": "Long", "steps": [{"page": "/1"}, {"page": "/2"}, {"page": "/3"},
                     {"page": "/4"}, {"page": "/5"}, {"page": "/6"}, {"page": "/7"}, {"page": "/8"}, {"page": "/9"}]},
                   {"site": "local", "name": "Slow", "window": "half an hour", "steps": [{"page": "/"}, {"page": "/b"}]}]}
                """);
        assertThat(run("apply", broken.toString(), "--sites-file", sites.toString())).isEqualTo(2);
        assertThat(err).contains("is not applied; nothing changed",
                "funnels[0] \"Short\": 1 step; a funnel has 2 to 8 steps",
                "funnels[1] \"Long\": 9 steps; a funnel has 2 to 8 steps",
                "funnels[2] \"Slow\": window \"half an hour\" is not a duration",
                "goals \"Signup\" of site \"local\" is defined twice");

        // Once the file parses, the unknown site alone still stops it.
        Path unknownSite = file(VALID.replace("\"shop\"", "\"nowhere\""));
        assertThat(run("apply", unknownSite.toString(), "--sites-file", sites.toString())).isEqualTo(2);
        assertThat(err).contains("goals[1] \"Saw pricing\": unknown site \"nowhere\" (known sites: local, shop)");

        assertThat(inForce()).isEqualTo(before);
    }

    @Test
    void shouldRemoveTheDefinitionsOfASiteTheFileNoLongerMentions() throws Exception {
        assertThat(run("apply", file(VALID).toString(), "--sites-file", sites.toString())).isZero();
        String localOnly = """
                {"goals": [{"site": "local", "name": "Signup", "event": "Signed Up", "props": {"plan": "pro"}}]}""";
        assertThat(run("apply", file(localOnly).toString())).as(err).isZero();

        assertThat(inForce()).containsOnlyKeys("local");
        assertThat(out).contains("= goal Signup", "- funnel Signup flow (removed; its documents stay)",
                "- goal Saw pricing (removed; its documents stay)");
    }

    @Test
    void shouldOnlyShowWhatWouldChangeWithCheck() throws Exception {
        assertThat(run("apply", file(VALID).toString(), "--sites-file", sites.toString(), "--check")).isZero();
        assertThat(out).contains("+ funnel Signup flow", "Nothing applied (--check).");
        assertThat(inForce()).isEmpty();
    }

    @Test
    void shouldRefuseABackfillItCannotRunBeforeApplyingAnything() throws Exception {
        // This module carries no Flink job: no backfill is registered on its classpath.
        assertThat(run("apply", file(VALID).toString(), "--sites-file", sites.toString(), "--backfill", "7d"))
                .isEqualTo(2);
        assertThat(err).contains("--backfill needs the Flink job");
        assertThat(inForce()).isEmpty();

        assertThat(run("apply", file(VALID).toString(), "--sites-file", sites.toString(), "--backfill", "a week"))
                .isEqualTo(2);
        assertThat(err).contains("--backfill \"a week\" is not a positive duration");
    }

    @Test
    void shouldNameABadKafkaAddressInOneLine() throws Exception {
        StringWriter stderr = new StringWriter();
        int exit = new CommandLine(new DefinitionsCommand(Set.of("local"))).setErr(new PrintWriter(stderr))
                .execute("list", "--kafka", "(KRaft)", "--topic", topic);
        assertThat(exit).isEqualTo(1);
        assertThat(stderr.toString()).contains("footfall definitions list: cannot use Kafka at (KRaft) "
                + "(--kafka, FOOTFALL_KAFKA_BOOTSTRAP): ", "Invalid url in bootstrap.servers: (KRaft)")
                .doesNotContain("\tat ");
    }
}
