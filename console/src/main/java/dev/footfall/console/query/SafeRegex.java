package dev.footfall.console.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A regular expression from a {@code matches} filter, checked against a small grammar and
 * rewritten into the syntax of OpenSearch's {@code regexp} query, so that what reaches OpenSearch is
 * a value the query parses as a regular expression and nothing else (never query text, never a
 * script).
 *
 * <p>The grammar is the part that RE2 (Plausible's engine), Java and Lucene agree on: literals,
 * {@code .}, classes ({@code [a-z]}, {@code [^/]}, {@code \d \w \s} and their negations), groups
 * ({@code (...)}, {@code (?:...)}), alternation, the quantifiers {@code * + ? {n} {n,} {n,m}}
 * (lazy forms are accepted and mean the same for a yes/no match), and the anchors {@code ^} and
 * {@code $} at the start and end of the expression or of a top-level alternative. Anything else
 * (back-references, look-around, {@code \b}, Unicode classes, flags) is refused with the position
 * and the reason, not guessed at.
 *
 * <p>Lucene matches a whole value while Plausible's {@code matches} finds the expression anywhere
 * in it, so an unanchored side gets {@code .*}. Lucene's own operators ({@code @ & ~ < > # "})
 * are escaped wherever they stand for themselves, and bounded repetitions are capped, because
 * OpenSearch builds an automaton from the expression (it refuses one too large to build, which the
 * API reports as a bad request).
 */
public final class SafeRegex {

    public static final int MAX_LENGTH = 512;
    static final int MAX_REPEAT = 100;
    private static final String WORD = "a-zA-Z0-9_";
    private static final String SPACE = " \t\n\r\f\u000B";

    private final String source;
    private final String lucene;
    private final Pattern java;

    private SafeRegex(String source, String lucene, Pattern java) {
        this.source = source;
        this.lucene = lucene;
        this.java = java;
    }

    /** Checks and rewrites an expression; the exception's message says what is wrong and where. */
    public static SafeRegex parse(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        String lucene = new Parser(regex).topLevel();
        Pattern java;
        try {
            java = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            // The grammar above is a subset of Java's; this is a last line of defence.
            throw new IllegalArgumentException(e.getDescription());
        }
        return new SafeRegex(regex, lucene, java);
    }

    public String source() {
        return source;
    }

    /** The expression in Lucene's syntax, matching a whole value. */
    public String lucene() {
        return lucene;
    }

    /** Whether the expression occurs in {@code text} (for values that are not stored, like {@code pageview}). */
    public boolean find(String text, boolean caseSensitive) {
        Pattern p = caseSensitive ? java : Pattern.compile(source, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return p.matcher(text).find();
    }

    /** A literal string in Lucene's regexp syntax: letters and digits as they are, the rest escaped. */
    public static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(cp -> appendLiteral(out, cp));
        return out.toString();
    }

    private static void appendLiteral(StringBuilder out, int cp) {
        if (Character.isLetterOrDigit(cp)) {
            out.appendCodePoint(cp);
        } else {
            out.append('\\').appendCodePoint(cp);
        }
    }

    /** A recursive-descent parser that writes Lucene syntax as it reads. */
    private static final class Parser {
        private final String in;
        private int pos;
        private int depth;

        Parser(String in) {
            this.in = in;
        }

        String topLevel() {
            List<String> alternatives = new ArrayList<>();
            do {
                boolean startAnchor = eat('^');
                StringBuilder body = new StringBuilder();
                boolean endAnchor = branch(body, true);
                alternatives.add((startAnchor ? "" : ".*") + body + (endAnchor ? "" : ".*"));
            } while (eat('|'));
            if (pos < in.length()) {
                throw error("unbalanced ')'");
            }
            return String.join("|", alternatives);
        }

        /** Reads pieces up to '|', ')' or the end; returns whether the branch ended with '$'. */
        private boolean branch(StringBuilder out, boolean topLevel) {
            while (pos < in.length()) {
                char c = in.charAt(pos);
                if (c == '|' || c == ')') {
                    return false;
                }
                if (c == '$') {
                    pos++;
                    boolean atEnd = pos == in.length() || in.charAt(pos) == '|';
                    if (!topLevel || !atEnd) {
                        throw error("'$' is supported only at the end of the expression or of a top-level alternative");
                    }
                    return true;
                }
                piece(out);
            }
            return false;
        }

        private void piece(StringBuilder out) {
            atom(out);
            if (pos >= in.length()) {
                return;
            }
            char q = in.charAt(pos);
            if (q == '*' || q == '+' || q == '?') {
                pos++;
                out.append(q);
            } else if (q == '{') {
                out.append(repetition());
            } else {
                return;
            }
            eat('?'); // lazy: the same set of matches
            if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '*' || in.charAt(pos) == '{')) {
                throw error("possessive or doubled quantifiers are not supported");
            }
        }

        private String repetition() {
            int open = pos++;
            int min = number();
            int max = min;
            if (eat(',')) {
                max = pos < in.length() && in.charAt(pos) != '}' ? number() : -1;
            }
            if (!eat('}')) {
                pos = open;
                throw error("a '{' must start a repetition like {2}, {2,} or {2,5}; write '\\{' for the character");
            }
            if (min > MAX_REPEAT || max > MAX_REPEAT) {
                pos = open;
                throw error("repetitions are limited to " + MAX_REPEAT);
            }
            if (max >= 0 && max < min) {
                pos = open;
                throw error("the repetition's maximum is below its minimum");
            }
            return "{" + min + (max == min ? "" : "," + (max < 0 ? "" : Integer.toString(max))) + "}";
        }

        private int number() {
            int start = pos;
            while (pos < in.length() && Character.isDigit(in.charAt(pos)) && pos - start < 4) {
                pos++;
            }
            if (start == pos) {
                throw error("a repetition needs a number");
            }
            return Integer.parseInt(in.substring(start, pos));
        }

        private void atom(StringBuilder out) {
            char c = in.charAt(pos);
            switch (c) {
                case '(' -> group(out);
                case '[' -> charClass(out);
                case '.' -> {
                    pos++;
                    out.append('.');
                }
                case '\\' -> escape(out, false);
                case '^' -> throw error("'^' is supported only at the start of the expression or of a top-level alternative");
                case '*', '+', '?' -> throw error("nothing to repeat");
                case '{' -> throw error("a '{' must follow something to repeat; write '\\{' for the character");
                case ']', '}' -> {
                    pos++;
                    appendLiteral(out, c);
                }
                default -> {
                    int cp = in.codePointAt(pos);
                    pos += Character.charCount(cp);
                    appendLiteral(out, cp);
                }
            }
        }

        private void group(StringBuilder out) {
            int open = pos++;
            if (eat('?')) {
                if (!eat(':')) {
                    pos = open;
                    throw error("look-around, named groups and inline flags are not supported; (?:...) is");
                }
            }
            if (++depth > 20) {
                throw error("groups nest too deep");
            }
            out.append('(');
            do {
                branch(out, false);
                if (pos < in.length() && in.charAt(pos) == '|') {
                    pos++;
                    out.append('|');
                    continue;
                }
                break;
            } while (true);
            if (!eat(')')) {
                pos = open;
                throw error("unclosed '('");
            }
            depth--;
            out.append(')');
        }

        private void charClass(StringBuilder out) {
            int open = pos++;
            out.append('[');
            if (eat('^')) {
                out.append('^');
            }
            boolean first = true;
            while (pos < in.length() && (in.charAt(pos) != ']' || first)) {
                first = false;
                int from = classChar(out);
                if (from >= 0 && pos + 1 < in.length() && in.charAt(pos) == '-' && in.charAt(pos + 1) != ']') {
                    pos++;
                    out.append('-');
                    int to = classChar(out);
                    if (to < 0 || to < from) {
                        throw error("bad character range");
                    }
                }
            }
            if (!eat(']')) {
                pos = open;
                throw error("unclosed '['");
            }
            out.append(']');
        }

        /** One member of a class; returns its code point, or -1 for a shorthand such as \d. */
        private int classChar(StringBuilder out) {
            char c = in.charAt(pos);
            if (c == '\\') {
                return escape(out, true);
            }
            if (c == '[') {
                throw error("nested classes and POSIX classes are not supported; write '\\[' for the character");
            }
            int cp = in.codePointAt(pos);
            pos += Character.charCount(cp);
            appendLiteral(out, cp);
            return cp;
        }

        /** An escape; returns the code point of a literal, or -1 for a shorthand class. */
        private int escape(StringBuilder out, boolean inClass) {
            int at = pos++;
            if (pos >= in.length()) {
                throw error("a trailing '\\' escapes nothing");
            }
            char c = in.charAt(pos++);
            switch (c) {
                case 'd', 'w', 's' -> {
                    String members = c == 'd' ? "0-9" : c == 'w' ? WORD : classMembers(SPACE);
                    out.append(inClass ? members : "[" + members + "]");
                    return -1;
                }
                case 'D', 'W', 'S' -> {
                    if (inClass) {
                        pos = at;
                        throw error("negated shorthands (\\D, \\W, \\S) are not supported inside [...]");
                    }
                    String members = c == 'D' ? "0-9" : c == 'W' ? WORD : classMembers(SPACE);
                    out.append("[^").append(members).append(']');
                    return -1;
                }
                case 't', 'n', 'r', 'f' -> {
                    char control = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\f';
                    appendLiteral(out, control);
                    return control;
                }
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        pos = at;
                        throw error("the escape '\\" + c + "' is not supported");
                    }
                    appendLiteral(out, c);
                    return c;
                }
            }
        }

        private static String classMembers(String chars) {
            StringBuilder out = new StringBuilder();
            chars.codePoints().forEach(cp -> appendLiteral(out, cp));
            return out.toString();
        }

        private boolean eat(char c) {
            if (pos < in.length() && in.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private IllegalArgumentException error(String why) {
            return new IllegalArgumentException(why + " (at character " + (pos + 1) + ")");
        }
    }
}
