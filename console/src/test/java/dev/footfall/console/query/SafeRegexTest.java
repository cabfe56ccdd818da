package dev.footfall.console.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code matches} expression must mean in OpenSearch what it means to Plausible's users: the
 * rewritten expression, run by Lucene's own regexp engine (the one behind OpenSearch's
 * {@code regexp} query, with the flags the query layer sends), accepts exactly the values in which
 * Java's engine finds the original.
 */
class SafeRegexTest {

    private static final List<String> VALUES = List.of("", "/", "/blog", "/blog/", "/blog/post-1", "/docs",
            "/pricing", "/PRICING", "/user/42", "/user/42/edit", "/user/x", "a.b", "a+b", "a\"b", "a@b", "a&b", "a~b",
            "a<3>", "a#b", "tab\there", "line\nbreak", "cr\r\nlf", "form\ffeed", "x{2}", "/über", "  spaced  ", "/a|b",
            "(x)", "[y]", "\\z", "aaaa", "ab", "ba");

    @ParameterizedTest
    @ValueSource(strings = {
        "blog", "^/blog", "blog$", "^/blog$", "^/(blog|docs)$", "^/blog|^/docs", "o", ".", "^$", "",
        "^/user/\\d+$", "^/user/\\d+(/edit)?$", "\\w+", "[^/]+$", "^/[a-z]+$", "a\\.b", "a\\+b", "a\"b", "a@b",
        "a&b", "a~b", "<3>", "#", "\\t", "\\n", "\\r\\n", "[\\f]", "x\\{2\\}", "a{2,}", "a{1,3}b", "a{2}",
        "(?:bl|do)(og|cs)", "\\s", "\\S+",
        "[\\d/]+", "\\W", "ü", "/a\\|b", "\\(x\\)", "\\[y\\]", "\\\\z", ".*?log", "^a+?$", "[-a]", "[a-]", "[]a]"
    })
    void luceneAcceptsExactlyWhatJavaFinds(String regex) {
        SafeRegex safe = SafeRegex.parse(regex);
        CharacterRunAutomaton lucene = new CharacterRunAutomaton(new RegExp(safe.lucene(), RegExp.NONE).toAutomaton());
        Pattern java = Pattern.compile(regex);
        for (String value : VALUES) {
            assertThat(lucene.run(value)).as("%s (as %s) on %s", regex, safe.lucene(), value)
                    .isEqualTo(java.matcher(value).find());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "(a", "a)", "[a", "*a", "a**", "a{", "a{x}", "a{3,2}", "a{1000}", "(?=a)", "(?!a)",
        "(?<n>a)", "(?i)a", "\\1", "\\b", "\\p{L}", "a^", "$a", "(^a)", "(a$)", "[\\D]", "a++", "\\"})
    void refusesWhatItCannotMeanExactly(String regex) {
        assertThatThrownBy(() -> SafeRegex.parse(regex)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(at character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "o"})
    void refusesOverlongExpressions(String unit) {
        assertThatThrownBy(() -> SafeRegex.parse(unit.repeat(SafeRegex.MAX_LENGTH + 1)))
                .hasMessageContaining("longer than " + SafeRegex.MAX_LENGTH);
    }
}
