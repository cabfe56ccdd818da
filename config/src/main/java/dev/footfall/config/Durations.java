package dev.footfall.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for durations in every setting, flag and environment variable: a whole number
 * and a unit, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}, {@code w} or {@code y}
 * ({@code 500ms}, {@code 30m}, {@code 90d}, {@code 2y}), or ISO-8601 ({@code PT30M}, {@code P1D}).
 * A year is 365 days: retention ages become OpenSearch's {@code min_index_age}, which knows no
 * calendar years, and a fixed length keeps every duration exact.
 *
 * <pre>{@code
 * Duration gap = Durations.parse("--session-gap / FOOTFALL_SESSION_GAP", "30m");
 * String text = Durations.format(Duration.ofDays(730));   // "2y"
 * }</pre>
 */
public final class Durations {

    /** The accepted forms, as error messages and help texts name them. */
    public static final String FORMS = "a whole number and a unit: ms, s, m, h, d, w or y (365 days), "
            + "e.g. 500ms, 30s, 30m, 24h, 90d, 2y; or ISO-8601 such as PT30M";

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w|y)");
    private static final long DAY_MS = 86_400_000L;
    private static final long YEAR_MS = 365 * DAY_MS;

    private Durations() {
    }

    /**
     * @param setting what is being parsed (a key, a flag, an environment variable), for the message
     * @throws IllegalArgumentException naming the setting, the text and the accepted forms
     */
    public static Duration parse(String setting, String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            Matcher m = SIMPLE.matcher(value);
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    case "w" -> Duration.ofDays(Math.multiplyExact(amount, 7));
                    default -> Duration.ofDays(Math.multiplyExact(amount, 365));
                };
            }
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw invalid(setting, text);
        }
    }

    /** The shortest exact form in this grammar, e.g. {@code 30m} for 30 minutes, {@code 2y} for 730 days. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms <= 0) {
            return ms + "ms";
        }
        if (ms % YEAR_MS == 0) {
            return ms / YEAR_MS + "y";
        }
        if (ms % DAY_MS == 0) {
            return ms / DAY_MS + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }

    private static IllegalArgumentException invalid(String setting, String text) {
        return new IllegalArgumentException(setting + ": '" + text + "' is not a duration; write " + FORMS);
    }
}
