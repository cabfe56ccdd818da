package dev.footfall.definitions;

import java.util.regex.Pattern;

/**
 * A page pattern compiled once: {@code *} is any run of characters (slashes included) and the
 * rest matches exactly, the whole path. The literal text before the first {@code *} is checked
 * first, so most paths are turned down without running the expression.
 */
final class PagePattern {

    private final String prefix;
    private final Pattern regex;

    PagePattern(String pattern) {
        int star = pattern.indexOf('*');
        this.prefix = star < 0 ? pattern : pattern.substring(0, star);
        StringBuilder expression = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!expression.isEmpty()) {
                expression.append(".*");
            }
            if (!literal.isEmpty()) {
                expression.append(Pattern.quote(literal));
            }
        }
        this.regex = Pattern.compile(expression.toString(), Pattern.DOTALL);
    }

    boolean matches(String path) {
        return path.startsWith(prefix) && regex.matcher(path).matches();
    }
}
