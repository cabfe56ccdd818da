package dev.footfall.definitions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One site's goals and funnels, indexed so that matching an event costs a hash lookup or two:
 * custom events by name, page views by exact path, and only the wildcard patterns are tried one
 * by one (their literal prefix first). Built once per definitions change; not thread-safe to
 * share a {@link Matches} between threads.
 */
public final class DefinitionsIndex {

    /** Something an event can match: a goal, or one step of a funnel, with the properties it needs. */
    private record Target(int goal, int funnel, int stepBit, String[] requiredKeyValues) {
        boolean propertiesMatch(String[] keyValues) {
            for (String required : requiredKeyValues) {
                if (!contains(keyValues, required)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean contains(String[] keyValues, String wanted) {
            if (keyValues == null) {
                return false;
            }
            for (String kv : keyValues) {
                if (kv.equals(wanted)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Wildcard(PagePattern pattern, Target[] targets) {
    }

    private static final Target[] NONE = new Target[0];

    private final Definitions definitions;
    private final Map<String, Target[]> eventsByName;
    private final Map<String, Target[]> pagesByPath;
    private final Wildcard[] wildcardPages;
    private final int[] strictFunnels;

    private DefinitionsIndex(Definitions definitions) {
        this.definitions = definitions;
        Map<String, List<Target>> events = new HashMap<>();
        Map<String, List<Target>> pages = new HashMap<>();
        Map<String, List<Target>> wildcards = new LinkedHashMap<>();
        List<Goal> goals = definitions.goals();
        for (int g = 0; g < goals.size(); g++) {
            add(goals.get(g).match(), new Target(g, -1, 0, keyValues(goals.get(g).match())), events, pages, wildcards);
        }
        List<Funnel> funnels = definitions.funnels();
        List<Integer> strict = new ArrayList<>();
        for (int f = 0; f < funnels.size(); f++) {
            List<Step> steps = funnels.get(f).steps();
            for (int s = 0; s < steps.size(); s++) {
                Match match = steps.get(s).match();
                add(match, new Target(-1, f, 1 << s, keyValues(match)), events, pages, wildcards);
            }
            if (funnels.get(f).order() == FunnelOrder.STRICT) {
                strict.add(f);
            }
        }
        this.eventsByName = frozen(events);
        this.pagesByPath = frozen(pages);
        List<Wildcard> compiled = new ArrayList<>();
        wildcards.forEach((pattern, targets) ->
                compiled.add(new Wildcard(new PagePattern(pattern), targets.toArray(NONE))));
        this.wildcardPages = compiled.toArray(new Wildcard[0]);
        this.strictFunnels = strict.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @param definitions one site's goals and funnels */
    public static DefinitionsIndex of(Definitions definitions) {
        return new DefinitionsIndex(definitions);
    }

    public Definitions definitions() {
        return definitions;
    }

    public List<Goal> goals() {
        return definitions.goals();
    }

    public List<Funnel> funnels() {
        return definitions.funnels();
    }

    /** Indices of the funnels in strict order: every page view and custom event matters to them. */
    public int[] strictFunnels() {
        return strictFunnels;
    }

    /** A scratch result sized for this index; reuse it for every event. */
    public Matches newMatches() {
        return new Matches(definitions.funnels().size(), definitions.goals().size());
    }

    /**
     * Finds the goals and funnel steps an event matches.
     *
     * @param page for a page view, its path or screen name (null: matches no page pattern)
     * @param eventName for a custom event, its name
     * @param propertiesKv the event's {@code key=value} properties, as the job writes {@code properties_kv}
     */
    public Matches match(boolean pageView, String page, boolean customEvent, String eventName, String[] propertiesKv,
            Matches out) {
        out.clear();
        if (pageView && page != null) {
            collect(pagesByPath.getOrDefault(page, NONE), propertiesKv, out);
            for (Wildcard wildcard : wildcardPages) {
                if (wildcard.pattern().matches(page)) {
                    collect(wildcard.targets(), propertiesKv, out);
                }
            }
        } else if (customEvent && eventName != null) {
            collect(eventsByName.getOrDefault(eventName, NONE), propertiesKv, out);
        }
        return out;
    }

    private static void collect(Target[] targets, String[] propertiesKv, Matches out) {
        for (Target target : targets) {
            if (target.requiredKeyValues().length > 0 && !target.propertiesMatch(propertiesKv)) {
                continue;
            }
            if (target.goal() >= 0) {
                out.addGoal(target.goal());
            } else {
                out.addStep(target.funnel(), target.stepBit());
            }
        }
    }

    private static String[] keyValues(Match match) {
        return match instanceof Match.Event event ? event.requiredKeyValues() : new String[0];
    }

    private static void add(Match match, Target target, Map<String, List<Target>> events,
            Map<String, List<Target>> pages, Map<String, List<Target>> wildcards) {
        if (match instanceof Match.Event event) {
            events.computeIfAbsent(event.name(), k -> new ArrayList<>()).add(target);
        } else if (match instanceof Match.Page page) {
            (page.hasWildcard() ? wildcards : pages).computeIfAbsent(page.pattern(), k -> new ArrayList<>()).add(target);
        }
    }

    private static Map<String, Target[]> frozen(Map<String, List<Target>> lists) {
        Map<String, Target[]> arrays = new HashMap<>(lists.size() * 2);
        lists.forEach((key, targets) -> arrays.put(key, targets.toArray(NONE)));
        return arrays;
    }

    /**
     * What one event matched: for each funnel touched, the bit set of its steps (bit {@code i}:
     * step {@code i + 1}), and the goals. Cleared by {@link DefinitionsIndex#match}; only the
     * funnels touched are cleared, so a site with many funnels pays nothing for the others.
     */
    public static final class Matches {
        private final int[] stepMasks;
        private final int[] touchedFunnels;
        private int touched;
        private final int[] goals;
        private int goalCount;

        Matches(int funnels, int goals) {
            this.stepMasks = new int[funnels];
            this.touchedFunnels = new int[funnels];
            this.goals = new int[goals];
        }

        void clear() {
            for (int i = 0; i < touched; i++) {
                stepMasks[touchedFunnels[i]] = 0;
            }
            touched = 0;
            goalCount = 0;
        }

        void addStep(int funnel, int bit) {
            if (stepMasks[funnel] == 0) {
                touchedFunnels[touched++] = funnel;
            }
            stepMasks[funnel] |= bit;
        }

        void addGoal(int goal) {
            for (int i = 0; i < goalCount; i++) {
                if (goals[i] == goal) {
                    return;
                }
            }
            goals[goalCount++] = goal;
        }

        /** How many funnels have a step this event matches. */
        public int funnelCount() {
            return touched;
        }

        /** The {@code i}-th funnel touched (an index into {@link DefinitionsIndex#funnels()}). */
        public int funnel(int i) {
            return touchedFunnels[i];
        }

        /** The steps of a funnel this event matches, as bits (0: none). */
        public int stepMask(int funnel) {
            return stepMasks[funnel];
        }

        public int goalCount() {
            return goalCount;
        }

        /** The {@code i}-th goal matched (an index into {@link DefinitionsIndex#goals()}). */
        public int goal(int i) {
            return goals[i];
        }
    }
}
