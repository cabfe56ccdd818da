package dev.footfall.definitions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Goals and funnels, as a definitions file holds them:
 *
 * <pre>{@code
 * {"goals": [
 *    {"site": "local", "name": "Signup", "event": "Signed Up", "props": {"plan": "pro"}},
 *    {"site": "local", "name": "Saw pricing", "page": "/pricing*"}],
 *  "funnels": [
 *    {"site": "local", "name": "Signup flow", "window": "30m", "order": "ordered",
 *     "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]}]}
 * }</pre>
 *
 * {@link #parse} checks everything that does not depend on the installation and reports every
 * problem at once; {@link #requireKnownSites} adds the sites. The same text, restricted to one
 * site, is what the definitions topic carries ({@link #forSite}, {@link #toJson}).
 */
public record Definitions(List<Goal> goals, List<Funnel> funnels) {

    /** A goal's or funnel's name, shown in reports: kept short. */
    public static final int MAX_NAME_CHARS = 200;
    /** Property values longer than this can never match: the job keeps 256 characters of each. */
    public static final int MAX_PROPERTY_VALUE_CHARS = 256;
    /** The longest funnel window: a visitor's matching events are kept this long (docs/funnels.md). */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** When a funnel gives no window: Plausible's, so funnels compare with it by default. */
    public static final String DEFAULT_WINDOW = "24h";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public Definitions {
        goals = List.copyOf(goals);
        funnels = List.copyOf(funnels);
    }

    public static Definitions empty() {
        return new Definitions(List.of(), List.of());
    }

    public boolean isEmpty() {
        return goals.isEmpty() && funnels.isEmpty();
    }

    /**
     * Reads and checks a definitions file: its shape, names (present, unique per site), steps (2
     * to 8), windows, orders and property values.
     *
     * @throws DefinitionsException listing every problem, each with its place in the file
     */
    public static Definitions parse(String json) throws DefinitionsException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DefinitionsException(List.of("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        Reader reader = new Reader();
        Definitions definitions = reader.read(root);
        if (!reader.problems.isEmpty()) {
            throw new DefinitionsException(reader.problems);
        }
        return definitions;
    }

    /**
     * Checks that every goal and funnel names a site of this installation.
     *
     * @throws DefinitionsException naming each unknown site and where it is used
     */
    public void requireKnownSites(Set<String> knownSites) throws DefinitionsException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            if (!knownSites.contains(goals.get(i).site())) {
                problems.add(place("goals", i, goals.get(i).name()) + ": unknown site \"" + goals.get(i).site()
                        + "\" (known sites: " + String.join(", ", new TreeSet<>(knownSites)) + ")");
            }
        }
        for (int i = 0; i < funnels.size(); i++) {
            if (!knownSites.contains(funnels.get(i).site())) {
                problems.add(place("funnels", i, funnels.get(i).name()) + ": unknown site \"" + funnels.get(i).site()
                        + "\" (known sites: " + String.join(", ", new TreeSet<>(knownSites)) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new DefinitionsException(problems);
        }
    }

    /**
     * How far back a backfill goes, written as every duration is (7d, 36h, PT12H).
     *
     * @throws DefinitionsException saying what is wrong with it
     */
    public static Duration parseAge(String text) throws DefinitionsException {
        try {
            Duration age = Durations.parse("--backfill", text);
            if (!age.isNegative() && !age.isZero()) {
                return age;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new DefinitionsException(List.of("--backfill \"" + text + "\" is not a positive duration; write "
                + Durations.FORMS));
    }

    /** The sites this file defines something for, in a stable order. */
    public Set<String> sites() {
        Set<String> sites = new TreeSet<>();
        goals.forEach(g -> sites.add(g.site()));
        funnels.forEach(f -> sites.add(f.site()));
        return sites;
    }

    /** Only what belongs to one site. */
    public Definitions forSite(String site) {
        return new Definitions(goals.stream().filter(g -> g.site().equals(site)).toList(),
                funnels.stream().filter(f -> f.site().equals(site)).toList());
    }

    /** Every site's definitions, each as {@link #forSite} gives them. */
    public Map<String, Definitions> bySite() {
        Map<String, Definitions> bySite = new LinkedHashMap<>();
        for (String site : sites()) {
            bySite.put(site, forSite(site));
        }
        return bySite;
    }

    /** Several sites' definitions as one. */
    public static Definitions merge(Collection<Definitions> parts) {
        List<Goal> goals = new ArrayList<>();
        List<Funnel> funnels = new ArrayList<>();
        for (Definitions part : parts) {
            goals.addAll(part.goals);
            funnels.addAll(part.funnels);
        }
        return new Definitions(goals, funnels);
    }

    /** The file form, which {@link #parse} reads back to equal definitions. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode goalNodes = root.putArray("goals");
        for (Goal goal : goals) {
            ObjectNode node = goalNodes.addObject().put("site", goal.site()).put("name", goal.name());
            writeMatch(node, goal.match());
        }
        ArrayNode funnelNodes = root.putArray("funnels");
        for (Funnel funnel : funnels) {
            ObjectNode node = funnelNodes.addObject().put("site", funnel.site()).put("name", funnel.name())
                    .put("window", funnel.windowText()).put("order", funnel.order().wireName());
            ArrayNode steps = node.putArray("steps");
            for (Step step : funnel.steps()) {
                ObjectNode stepNode = steps.addObject();
                if (step.name() != null) {
                    stepNode.put("name", step.name());
                }
                writeMatch(stepNode, step.match());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    private static void writeMatch(ObjectNode node, Match match) {
        if (match instanceof Match.Page page) {
            node.put("page", page.pattern());
        } else if (match instanceof Match.Event event) {
            node.put("event", event.name());
            if (!event.props().isEmpty()) {
                ObjectNode props = node.putObject("props");
                event.props().forEach(props::put);
            }
        }
    }

    private static String place(String list, int index, String name) {
        return list + "[" + index + "]" + (name == null || name.isBlank() ? "" : " \"" + name + "\"");
    }

    /** Reads the tree, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        Definitions read(JsonNode root) {
            if (root == null || !root.isObject()) {
                problems.add("the file must be a JSON object with \"goals\" and \"funnels\" arrays");
                return empty();
            }
            unknownFields(root, "the file", Set.of("goals", "funnels"));
            List<Goal> goals = entries(root, "goals", this::goal);
            List<Funnel> funnels = entries(root, "funnels", this::funnel);
            duplicateNames("goals", goals.stream().map(g -> new String[] {g.site(), g.name()}).toList());
            duplicateNames("funnels", funnels.stream().map(f -> new String[] {f.site(), f.name()}).toList());
            return new Definitions(goals, funnels);
        }

        /**
         * The entries of the file's array {@code list} that read without a problem; {@code entry}
         * reads one object, given where it is for its problems, and returns null for a bad one.
         */
        private <T> List<T> entries(JsonNode root, String list, BiFunction<JsonNode, String, T> entry) {
            List<T> valid = new ArrayList<>();
            JsonNode nodes = root.path(list);
            if (!nodes.isMissingNode() && !nodes.isArray()) {
                problems.add("\"" + list + "\" must be an array");
                return valid;
            }
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode node = nodes.get(i);
                String where = place(list, i, node.path("name").asText(null));
                if (!node.isObject()) {
                    problems.add(where + ": must be an object");
                    continue;
                }
                T value = entry.apply(node, where);
                if (value != null) {
                    valid.add(value);
                }
            }
            return valid;
        }

        private Goal goal(JsonNode node, String where) {
            unknownFields(node, where, Set.of("site", "name", "page", "event", "props"));
            String site = requiredText(node, "site", where);
            String name = name(node, where);
            Match match = match(node, where);
            return site == null || name == null || match == null ? null : new Goal(site, name, match);
        }

        private Funnel funnel(JsonNode node, String where) {
            unknownFields(node, where, Set.of("site", "name", "window", "order", "steps"));
            String site = requiredText(node, "site", where);
            String name = name(node, where);

            String windowText = DEFAULT_WINDOW;
            Duration window = null;
            if (node.has("window")) {
                JsonNode w = node.get("window");
                windowText = w.isTextual() ? w.asText() : w.toString();
            }
            try {
                window = Durations.parse("window", windowText);
                if (window.isZero() || window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
                    problems.add(where + ": window \"" + windowText + "\" must be more than 0 and at most 31d");
                    window = null;
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": window \"" + windowText + "\" is not a duration; write " + Durations.FORMS);
            }

            FunnelOrder order = FunnelOrder.ORDERED;
            if (node.has("order")) {
                order = FunnelOrder.byWireName(node.get("order").asText(""));
                if (order == null || !node.get("order").isTextual()) {
                    problems.add(where + ": order " + node.get("order") + " must be \"ordered\" or \"strict\"");
                    order = null;
                }
            }

            List<Step> steps = new ArrayList<>();
            JsonNode stepNodes = node.path("steps");
            boolean stepsOk = true;
            if (!stepNodes.isArray()) {
                problems.add(where + ": \"steps\" must be an array of " + Funnel.MIN_STEPS + " to " + Funnel.MAX_STEPS
                        + " steps");
                stepsOk = false;
            } else {
                if (stepNodes.size() < Funnel.MIN_STEPS || stepNodes.size() > Funnel.MAX_STEPS) {
                    problems.add(where + ": " + stepNodes.size() + (stepNodes.size() == 1 ? " step" : " steps")
                            + "; a funnel has " + Funnel.MIN_STEPS + " to " + Funnel.MAX_STEPS + " steps");
                    stepsOk = false;
                }
                for (int s = 0; s < stepNodes.size(); s++) {
                    JsonNode stepNode = stepNodes.get(s);
                    String stepWhere = where + " steps[" + s + "]";
                    if (!stepNode.isObject()) {
                        problems.add(stepWhere + ": must be an object with \"page\" or \"event\"");
                        stepsOk = false;
                        continue;
                    }
                    unknownFields(stepNode, stepWhere, Set.of("name", "page", "event", "props"));
                    String label = null;
                    if (stepNode.has("name")) {
                        label = name(stepNode, stepWhere);
                    }
                    Match match = match(stepNode, stepWhere);
                    if (match == null) {
                        stepsOk = false;
                    } else {
                        steps.add(new Step(label, match));
                    }
                }
            }
            if (site == null || name == null || window == null || order == null || !stepsOk) {
                return null;
            }
            return new Funnel(site, name, window, windowText, order, steps);
        }

        private Match match(JsonNode node, String where) {
            boolean page = node.has("page");
            boolean event = node.has("event");
            if (page == event) {
                problems.add(where + ": needs exactly one of \"page\" (a path, * for any characters) or \"event\" "
                        + "(a custom event name)");
                return null;
            }
            if (page) {
                if (node.has("props")) {
                    problems.add(where + ": \"props\" only applies to \"event\"; a page matches by its path");
                    return null;
                }
                String pattern = requiredText(node, "page", where);
                return pattern == null ? null : new Match.Page(pattern);
            }
            String name = requiredText(node, "event", where);
            SortedMap<String, String> props = new TreeMap<>();
            JsonNode propsNode = node.path("props");
            if (!propsNode.isMissingNode()) {
                if (!propsNode.isObject()) {
                    problems.add(where + ": \"props\" must be an object of property names and values");
                    return null;
                }
                Iterator<Map.Entry<String, JsonNode>> fields = propsNode.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    JsonNode value = field.getValue();
                    if (!value.isValueNode() || value.isNull()) {
                        problems.add(where + ": props." + field.getKey() + " must be a string, number or boolean");
                        continue;
                    }
                    // The text the job writes in properties_kv for this value (Jackson's asText).
                    String text = value.asText();
                    if (text.length() > MAX_PROPERTY_VALUE_CHARS) {
                        problems.add(where + ": props." + field.getKey() + " is longer than "
                                + MAX_PROPERTY_VALUE_CHARS + " characters and could never match");
                        continue;
                    }
                    props.put(field.getKey(), text);
                }
            }
            return name == null ? null : new Match.Event(name, props);
        }

        private String name(JsonNode node, String where) {
            String name = requiredText(node, "name", where);
            if (name != null && name.length() > MAX_NAME_CHARS) {
                problems.add(where + ": name is longer than " + MAX_NAME_CHARS + " characters");
                return null;
            }
            return name;
        }

        private String requiredText(JsonNode node, String field, String where) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                problems.add(where + ": \"" + field + "\" is missing");
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problems.add(where + ": \"" + field + "\" must be a non-empty string");
                return null;
            }
            return value.asText();
        }

        private void unknownFields(JsonNode node, String where, Set<String> known) {
            node.fieldNames().forEachRemaining(field -> {
                if (!known.contains(field)) {
                    problems.add(where + ": unknown field \"" + field + "\" (allowed: " + String.join(", ",
                            new TreeSet<>(known)) + ")");
                }
            });
        }

        private void duplicateNames(String list, List<String[]> siteAndName) {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < siteAndName.size(); i++) {
                String site = siteAndName.get(i)[0];
                String name = siteAndName.get(i)[1];
                Integer earlier = first.putIfAbsent(site.length() + ":" + site + "/" + name, i);
                if (earlier != null) {
                    problems.add(list + " \"" + name + "\" of site \"" + site + "\" is defined twice; names are "
                            + "unique per site");
                }
            }
        }
    }
}
