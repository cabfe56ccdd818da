package dev.footfall.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.definitions.DefinitionsIndex.Matches;
import org.junit.jupiter.api.Test;

class DefinitionsIndexTest {

    private static final DefinitionsIndex INDEX;

    static {
        try {
            INDEX = DefinitionsIndex.of(Definitions.parse("""
                    {"goals": [
                       {"site": "s", "name": "Signup", "event": "Signed Up", "props": {"plan": "pro"}},
                       {"site": "s", "name": "Any signup", "event": "Signed Up"},
                       {"site": "s", "name": "Saw pricing", "page": "/pricing*"},
                       {"site": "s", "name": "Blog post", "page": "/blog/*/comments"}],
                     "funnels": [
                       {"site": "s", "name": "Signup flow", "window": "30m",
                        "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]},
                       {"site": "s", "name": "Loop", "order": "strict",
                        "steps": [{"page": "/*"}, {"page": "/pricing"}]}]}
                    """));
        } catch (DefinitionsException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Matches matches = INDEX.newMatches();

    @Test
    void shouldMatchAPageByExactPathAndByWildcard() {
        INDEX.match(true, "/pricing", false, null, null, matches);

        assertThat(goals()).containsExactly("Saw pricing");
        assertThat(matches.funnelCount()).isEqualTo(2);
        assertThat(matches.stepMask(0)).isEqualTo(0b010); // step 2 of "Signup flow"
        assertThat(matches.stepMask(1)).isEqualTo(0b11); // "/*" (step 1) and "/pricing" (step 2) of "Loop"
    }

    @Test
    void shouldLetAStarSpanSlashesAndMatchTheWholePathOnly() {
        INDEX.match(true, "/blog/2026/03/hello/comments", false, null, null, matches);
        assertThat(goals()).containsExactly("Blog post");
        INDEX.match(true, "/blog/x/comments/2", false, null, null, matches);
        assertThat(goals()).isEmpty();
        INDEX.match(true, "/pricing/enterprise", false, null, null, matches);
        assertThat(goals()).containsExactly("Saw pricing");
        INDEX.match(true, "/pric", false, null, null, matches);
        assertThat(goals()).isEmpty();
    }

    @Test
    void shouldRequireEveryGivenPropertyOfACustomEvent() {
        INDEX.match(false, null, true, "Signed Up", new String[] {"seats=3", "plan=pro"}, matches);
        assertThat(goals()).containsExactlyInAnyOrder("Signup", "Any signup");
        assertThat(matches.stepMask(0)).isEqualTo(0b100);

        INDEX.match(false, null, true, "Signed Up", new String[] {"plan=free"}, matches);
        assertThat(goals()).containsExactly("Any signup");

        INDEX.match(false, null, true, "Signed Up", null, matches);
        assertThat(goals()).containsExactly("Any signup");
    }

    @Test
    void shouldNotMatchAPagePatternWithACustomEventOfTheSameNameOrTheReverse() {
        INDEX.match(false, null, true, "/pricing", null, matches);
        assertThat(goals()).isEmpty();
        assertThat(matches.funnelCount()).isZero();
        INDEX.match(true, "Signed Up", false, null, null, matches);
        assertThat(goals()).isEmpty();
        assertThat(matches.funnelCount()).isZero();
    }

    @Test
    void shouldForgetThePreviousEventsMatches() {
        INDEX.match(true, "/pricing", false, null, null, matches);
        INDEX.match(true, "/docs", false, null, null, matches);
        assertThat(goals()).isEmpty();
        assertThat(matches.funnelCount()).isEqualTo(1);
        assertThat(matches.stepMask(0)).isZero();
        assertThat(matches.stepMask(1)).isEqualTo(0b01);
    }

    @Test
    void shouldListTheStrictFunnels() {
        assertThat(INDEX.strictFunnels()).containsExactly(1);
    }

    private java.util.List<String> goals() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < matches.goalCount(); i++) {
            names.add(INDEX.goals().get(matches.goal(i)).name());
        }
        return names;
    }
}
