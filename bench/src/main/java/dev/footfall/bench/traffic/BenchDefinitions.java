package dev.footfall.bench.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsException;

/**
 * Goals and funnels over the synthetic traffic's own pages and events, for every bench site:
 * {@value #FUNNELS} funnels of {@value #STEPS} steps ({@value #STRICT} in strict order, the rest
 * ordered; 30-minute windows) and {@value #GOALS} goals. Steps mix what the index has to do:
 * wildcard paths ({@code /docs*}, {@code /blog/item-*}), exact paths, event names, event names
 * with a property. Eight sections and eight event names serve twenty funnels, so a page view or
 * event usually matches steps of several funnels at once: more work than a real site's
 * definitions would cause, on purpose.
 */
public final class BenchDefinitions {

    public static final int FUNNELS = 20;
    public static final int STEPS = 5;
    public static final int STRICT = 4;
    public static final int GOALS = 20;

    private BenchDefinitions() {
    }

    public static Definitions forEverySite() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode goals = root.putArray("goals");
        ArrayNode funnels = root.putArray("funnels");
        for (BenchSites.BenchSite site : BenchSites.ALL) {
            for (int g = 0; g < GOALS; g++) {
                ObjectNode goal = goals.addObject().put("site", site.id()).put("name", "goal " + g);
                String section = Catalog.SECTIONS.get(g % Catalog.SECTIONS.size());
                if (g < GOALS / 2) {
                    goal.put("page", g % 2 == 0 ? "/" + section : "/" + section + "/item-1*");
                } else {
                    goal.put("event", Catalog.EVENT_NAMES.get(g % Catalog.EVENT_NAMES.size()));
                    if (g % 2 == 1) {
                        goal.putObject("props").put("plan", Catalog.PLANS.get(g % Catalog.PLANS.size()));
                    }
                }
            }
            for (int f = 0; f < FUNNELS; f++) {
                ObjectNode funnel = funnels.addObject().put("site", site.id()).put("name", "funnel " + f)
                        .put("window", "30m").put("order", f % (FUNNELS / STRICT) == FUNNELS / STRICT - 1 ? "strict"
                                : "ordered");
                ArrayNode steps = funnel.putArray("steps");
                steps.addObject().put("page", "/" + section(f) + "*");
                steps.addObject().put("page", "/" + section(f + 1));
                steps.addObject().put("event", event(f));
                steps.addObject().put("page", "/" + section(f + 3) + "/item-*");
                steps.addObject().put("event", event(f + 5)).putObject("props")
                        .put("plan", Catalog.PLANS.get(f % Catalog.PLANS.size()));
            }
        }
        try {
            return Definitions.parse(json.writeValueAsString(root));
        } catch (DefinitionsException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the bench's own definitions do not parse", e);
        }
    }

    private static String section(int i) {
        return Catalog.SECTIONS.get(i % Catalog.SECTIONS.size());
    }

    private static String event(int i) {
        return Catalog.EVENT_NAMES.get(i % Catalog.EVENT_NAMES.size());
    }
}
