package dev.footfall.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionsTest {

    /** The example of docs/funnels.md. */
    static final String EXAMPLE = """
            {"goals": [
               {"site": "local", "name": "Signup", "event": "Signed Up", "props": {"plan": "pro"}},
               {"site": "local", "name": "Saw pricing", "page": "/pricing*"}],
             "funnels": [
               {"site": "local", "name": "Signup flow", "window": "30m", "order": "ordered",
                "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]}]}
            """;

    @Test
    void shouldReadTheDocumentedExample() throws Exception {
        Definitions d = Definitions.parse(EXAMPLE);

        assertThat(d.goals()).containsExactly(
                new Goal("local", "Signup", Match.Event.of("Signed Up", Map.of("plan", "pro"))),
                new Goal("local", "Saw pricing", new Match.Page("/pricing*")));
        Funnel funnel = d.funnels().get(0);
        assertThat(funnel.name()).isEqualTo("Signup flow");
        assertThat(funnel.window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(funnel.order()).isEqualTo(FunnelOrder.ORDERED);
        assertThat(funnel.steps()).extracting(Step::label).containsExactly("/", "/pricing", "Signed Up");
        assertThat(d.sites()).containsExactly("local");
    }

    @Test
    void shouldReadBackWhatItWrites() throws Exception {
        Definitions d = Definitions.parse(EXAMPLE);
        assertThat(Definitions.parse(d.toJson())).isEqualTo(d);
    }

    @Test
    void shouldDefaultToAnOrderedFunnelOfTwentyFourHours() throws Exception {
        Funnel f = Definitions.parse("""
                {"funnels": [{"site": "s", "name": "f", "steps": [{"page": "/a"}, {"page": "/b"}]}]}
                """).funnels().get(0);
        assertThat(f.window()).isEqualTo(Duration.ofHours(24));
        assertThat(f.order()).isEqualTo(FunnelOrder.ORDERED);
    }

    @Test
    void shouldCompareNumberAndBooleanPropertiesAsTheJobWritesThem() throws Exception {
        Goal g = Definitions.parse("""
                {"goals": [{"site": "s", "name": "g", "event": "Paid", "props": {"seats": 3, "trial": false, "price": 9.5}}]}
                """).goals().get(0);
        assertThat(((Match.Event) g.match()).requiredKeyValues()).containsExactly("price=9.5", "seats=3", "trial=false");
    }

    @Test
    void shouldRejectAFunnelOfOneOrNineSteps() {
        String one = funnelWithSteps(1);
        String nine = funnelWithSteps(9);
        assertThatThrownBy(() -> Definitions.parse(one)).isInstanceOf(DefinitionsException.class)
                .hasMessage("funnels[0] \"f\": 1 step; a funnel has 2 to 8 steps");
        assertThatThrownBy(() -> Definitions.parse(nine)).isInstanceOf(DefinitionsException.class)
                .hasMessage("funnels[0] \"f\": 9 steps; a funnel has 2 to 8 steps");
    }

    @Test
    void shouldAcceptTwoAndEightSteps() throws Exception {
        assertThat(Definitions.parse(funnelWithSteps(2)).funnels().get(0).steps()).hasSize(2);
        assertThat(Definitions.parse(funnelWithSteps(8)).funnels().get(0).steps()).hasSize(8);
    }

    @Test
    void shouldRejectABadWindow() {
        assertThatThrownBy(() -> Definitions.parse(funnel("\"window\": \"30 minutes\"")))
                .hasMessage("funnels[0] \"f\": window \"30 minutes\" is not a duration; write " + Durations.FORMS);
        assertThatThrownBy(() -> Definitions.parse(funnel("\"window\": \"0s\"")))
                .hasMessage("funnels[0] \"f\": window \"0s\" must be more than 0 and at most 31d");
        assertThatThrownBy(() -> Definitions.parse(funnel("\"window\": \"32d\"")))
                .hasMessage("funnels[0] \"f\": window \"32d\" must be more than 0 and at most 31d");
        assertThatThrownBy(() -> Definitions.parse(funnel("\"window\": 30")))
                .hasMessage("funnels[0] \"f\": window \"30\" is not a duration; write " + Durations.FORMS);
    }

    @Test
    void shouldRejectAnUnknownOrder() {
        assertThatThrownBy(() -> Definitions.parse(funnel("\"order\": \"unordered\"")))
                .hasMessage("funnels[0] \"f\": order \"unordered\" must be \"ordered\" or \"strict\"");
    }

    @Test
    void shouldRejectADuplicateNameWithinASiteButNotAcrossSites() throws Exception {
        assertThatThrownBy(() -> Definitions.parse("""
                {"goals": [{"site": "s", "name": "Signup", "event": "A"}, {"site": "s", "name": "Signup", "page": "/b"}],
                 "funnels": [
                   {"site": "s", "name": "F", "steps": [{"page": "/a"}, {"page": "/b"}]},
                   {"site": "s", "name": "F", "steps": [{"page": "/c"}, {"page": "/d"}]}]}
                """)).isInstanceOf(DefinitionsException.class)
                .satisfies(e -> assertThat(((DefinitionsException) e).problems()).containsExactly(
                        "goals \"Signup\" of site \"s\" is defined twice; names are unique per site",
                        "funnels \"F\" of site \"s\" is defined twice; names are unique per site"));
        assertThat(Definitions.parse("""
                {"goals": [{"site": "s", "name": "Signup", "event": "A"}, {"site": "t", "name": "Signup", "event": "A"}]}
                """).goals()).hasSize(2);
    }

    @Test
    void shouldNameAnUnknownSite() throws Exception {
        Definitions d = Definitions.parse(EXAMPLE.replace("\"Saw pricing\"", "\"Saw pricing\"")
                .replaceFirst("\"site\": \"local\", \"name\": \"Saw pricing\"", "\"site\": \"shop\", \"name\": \"Saw pricing\""));
        assertThatThrownBy(() -> d.requireKnownSites(Set.of("local", "demo")))
                .hasMessage("goals[1] \"Saw pricing\": unknown site \"shop\" (known sites: demo, local)");
        d.forSite("local").requireKnownSites(Set.of("local"));
    }

    @Test
    void shouldReportEveryProblemAtOnceWithItsPlace() {
        assertThatThrownBy(() -> Definitions.parse("""
                {"goals": [{"site": "s", "name": "g"}, {"site": "s", "name": "h", "page": "/p", "props": {"a": "b"}},
                           {"name": "i", "event": "E", "colour": "red"}],
                 "funnels": [{"site": "s", "name": "f", "steps": [{"page": "/a"}, {"event": "E", "props": {"x": [1]}}]}],
                 "extra": true}
                """)).isInstanceOf(DefinitionsException.class)
                .satisfies(e -> assertThat(((DefinitionsException) e).problems()).containsExactly(
                        "the file: unknown field \"extra\" (allowed: funnels, goals)",
                        "goals[0] \"g\": needs exactly one of \"page\" (a path, * for any characters) or \"event\" (a "
                                + "custom event name)",
                        "goals[1] \"h\": \"props\" only applies to \"event\"; a page matches by its path",
                        "goals[2] \"i\": unknown field \"colour\" (allowed: event, name, page, props, site)",
                        "goals[2] \"i\": \"site\" is missing",
                        "funnels[0] \"f\" steps[1]: props.x must be a string, number or boolean"));
    }

    @Test
    void shouldRefuseSomethingThatIsNotJson() {
        assertThatThrownBy(() -> Definitions.parse("{\"goals\": [")).isInstanceOf(DefinitionsException.class)
                .hasMessageStartingWith("not valid JSON: ");
        assertThatThrownBy(() -> Definitions.parse("{\"goals\": [], \"goals\": []}"))
                .hasMessageStartingWith("not valid JSON: Duplicate field 'goals'");
    }

    @Test
    void shouldGiveAFunnelANewIdWhenWhatItMatchesChangesButNotWhenALabelDoes() throws Exception {
        Funnel original = Definitions.parse(funnel("\"window\": \"30m\"")).funnels().get(0);
        Funnel sameWindow = Definitions.parse(funnel("\"window\": \"1800s\"")).funnels().get(0);
        Funnel longer = Definitions.parse(funnel("\"window\": \"31m\"")).funnels().get(0);
        Funnel strict = Definitions.parse(funnel("\"window\": \"30m\", \"order\": \"strict\"")).funnels().get(0);
        Funnel labelled = Definitions.parse("""
                {"funnels": [{"site": "s", "name": "f", "window": "30m",
                  "steps": [{"name": "Home", "page": "/a"}, {"page": "/b"}]}]}
                """).funnels().get(0);

        assertThat(original.id()).hasSize(16).isEqualTo(sameWindow.id()).isEqualTo(labelled.id())
                .isNotEqualTo(longer.id()).isNotEqualTo(strict.id());
    }

    private static String funnel(String extra) {
        return "{\"funnels\": [{\"site\": \"s\", \"name\": \"f\", " + extra
                + ", \"steps\": [{\"page\": \"/a\"}, {\"page\": \"/b\"}]}]}";
    }

    private static String funnelWithSteps(int n) {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < n; i++) {
            steps.append(i == 0 ? "" : ", ").append("{\"page\": \"/").append(i).append("\"}");
        }
        return "{\"funnels\": [{\"site\": \"s\", \"name\": \"f\", \"steps\": [" + steps + "]}]}";
    }

    static List<String> problems(String json) {
        try {
            Definitions.parse(json);
            return List.of();
        } catch (DefinitionsException e) {
            return e.problems();
        }
    }
}
