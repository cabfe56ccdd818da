package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Goal conversions ({@code footfall-goals-*}) and funnel attempts ({@code footfall-funnels-*}),
 * as the job writes them (docs/funnels.md). The job leaves bots out of both: no bot filter here.
 */
final class GoalsAndFunnels {

    static final String DASHBOARD_ID = "footfall-goals-funnels";
    /** Funnels have at most 8 steps (docs/funnels.md). */
    static final int MAX_STEPS = 8;

    static final Vis GOALS = Vis.of("footfall-goals-conversions", "Goals: conversions and converting visitors", "table",
                    VisParams.table(20))
            .on(IndexPatterns.GOALS)
            .aggs(Aggs.count("1", "Conversions"), Aggs.cardinality("2", "visitor_id", "Visitors"),
                    Aggs.terms("3", "bucket", "goal", 50, "1", "Goal"));

    static final Vis FUNNEL_STEPS = Vis.of("footfall-funnels-steps", "Funnels: visitors who reached each step", "table",
                    VisParams.table(40))
            .description("Visitors whose attempt started in the time range and reached the step or further. "
                    + "Attempts of every version of a funnel count here; the console's funnel counts the current one.")
            .on(IndexPatterns.FUNNELS)
            .aggs(Aggs.cardinality("1", "visitor_id", "Visitors"),
                    Aggs.terms("2", "bucket", "funnel", 20, "1", "Funnel"),
                    Aggs.filters("3", "bucket", steps()));

    static final Vis ABOUT = Vis.of("footfall-goals-funnels-about", "About goals and funnels", "markdown", VisParams.markdown("""
            Goals and funnels are defined per site with `./footfall definitions apply` and computed by
            the job as events arrive. **Conversion rates** (converting visitors over all visitors) and
            a funnel's **current** version are in the console (`POST /api/v2/funnel`, the dashboard's
            Funnel card). A funnel's attempts are dated by their first step; the time range selects
            attempts that started in it."""));

    private static String[][] steps() {
        String[][] steps = new String[MAX_STEPS][];
        for (int k = 1; k <= MAX_STEPS; k++) {
            steps[k - 1] = new String[] {"step_reached >= " + k, "Step " + k};
        }
        return steps;
    }

    static List<ObjectNode> objects() {
        List<ObjectNode> out = new ArrayList<>();
        for (Vis v : List.of(GOALS, FUNNEL_STEPS, ABOUT)) {
            out.add(v.build());
        }
        out.add(Dashboard.of(DASHBOARD_ID, "Footfall: Goals and funnels",
                        "Goal conversions and the visitors who reached each step of each funnel.", "now-7d")
                .vis(GOALS, 24, 15).vis(ABOUT, 24, 15)
                .vis(FUNNEL_STEPS, 48, 20)
                .build());
        return out;
    }

    private GoalsAndFunnels() {
    }
}
