package dev.footfall.local.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Report} as a readable table or as the JSON object of {@code --json}. */
public final class ReportPrinter {

    private ReportPrinter() {
    }

    public static ObjectNode toJson(Report r) {
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("site", r.site());
        out.put("from", r.range().from().toString());
        out.put("to", r.range().to().toString());
        out.put("visitors", r.visitors());
        out.put("pageviews", r.pageviews());
        out.put("sessions", r.sessions());
        out.put("bounce_rate", round(r.bounceRate(), 4));
        out.put("avg_session_seconds", round(r.avgSessionSeconds(), 1));
        ArrayNode pages = out.putArray("top_pages");
        r.topPages().forEach(p -> pages.addObject().put("path", p.path()).put("pageviews", p.pageviews()));
        ArrayNode sources = out.putArray("sources");
        r.sources().forEach(s -> sources.addObject().put("source", s.source()).put("sessions", s.sessions()));
        ObjectNode events = out.putObject("events");
        r.events().forEach(events::put);
        ObjectNode invalid = out.putObject("invalid");
        r.invalid().forEach(invalid::put);
        ArrayNode goals = out.putArray("goals");
        r.goals().forEach(g -> goals.addObject().put("name", g.name()).put("visitors", g.visitors())
                .put("events", g.events()).put("conversion_rate", round(g.conversionRate(), 2)));
        if (r.funnel() != null) {
            ObjectNode funnel = out.putObject("funnel");
            funnel.put("name", r.funnel().name());
            ArrayNode steps = funnel.putArray("steps");
            r.funnel().steps().forEach(s -> steps.addObject().put("name", s.name()).put("visitors", s.visitors()));
        }
        return out;
    }

    public static void printJson(Report r, PrintStream out) throws Exception {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(r)));
    }

    public static void printTable(Report r, PrintStream out) {
        out.printf("Footfall report  site: %s  from %s to %s%n%n", r.site() == null ? "all" : r.site(),
                r.range().from(), r.range().to());
        out.printf("  %-22s %,12d%n", "Visitors", r.visitors());
        out.printf("  %-22s %,12d%n", "Pageviews", r.pageviews());
        out.printf("  %-22s %,12d%n", "Sessions", r.sessions());
        out.printf("  %-22s %11.1f%%%n", "Bounce rate", r.bounceRate() * 100);
        out.printf("  %-22s %12s%n", "Avg. session", duration(r.avgSessionSeconds()));
        section(out, "Top pages", "pageviews");
        r.topPages().forEach(p -> row(out, p.path(), p.pageviews()));
        section(out, "Sources", "sessions");
        r.sources().forEach(s -> row(out, s.source(), s.sessions()));
        section(out, "Events", "count");
        rows(out, r.events());
        section(out, "Invalid events", "count");
        rows(out, r.invalid());
        out.printf("%n  %-30s %12s %12s %12s%n", "Goals", "visitors", "events", "conversion");
        if (r.goals().isEmpty()) {
            out.printf("  %-30s%n", "(none)");
        }
        r.goals().forEach(g -> out.printf(Locale.ROOT, "  %-30s %,12d %,12d %11.2f%%%n",
                g.name().length() > 30 ? g.name().substring(0, 27) + "..." : g.name(), g.visitors(), g.events(),
                g.conversionRate()));
        if (r.funnel() != null) {
            section(out, "Funnel: " + r.funnel().name(), "visitors");
            r.funnel().steps().forEach(step -> row(out, step.name(), step.visitors()));
        }
    }

    private static void section(PrintStream out, String title, String unit) {
        out.printf("%n  %-48s %12s%n", title, unit);
    }

    private static void rows(PrintStream out, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            out.printf("  %-48s%n", "(none)");
        }
        counts.forEach((k, v) -> row(out, k, v));
    }

    private static void row(PrintStream out, String label, long value) {
        String shown = label.length() > 48 ? label.substring(0, 45) + "..." : label;
        out.printf("  %-48s %,12d%n", shown, value);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
