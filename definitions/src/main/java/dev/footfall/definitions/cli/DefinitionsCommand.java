package dev.footfall.definitions.cli;

import dev.footfall.config.sites.Sites;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsException;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.definitions.Funnel;
import dev.footfall.definitions.Goal;
import dev.footfall.definitions.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code footfall definitions apply FILE [--backfill 7d]} and {@code footfall definitions list}: the
 * goals and funnels in force, kept on the compacted definitions topic that the job reads live.
 *
 * <p>{@code apply} checks the whole file first (shape, names, steps, windows, sites) and changes
 * nothing if anything is wrong. The file is the whole truth: a site it does not mention has its
 * definitions removed.
 */
@Command(name = "definitions", mixinStandardHelpOptions = true,
        description = "Goals and funnels: apply a definitions file, or list what is in force (docs/funnels.md).",
        subcommands = {DefinitionsCommand.Apply.class, DefinitionsCommand.ListCommand.class})
public final class DefinitionsCommand {

    /** The exit status of a file that cannot be applied, or of a bad option. */
    public static final int REFUSED = 2;

    private final Set<String> builtInSites;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:FOOTFALL_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (FOOTFALL_KAFKA_BOOTSTRAP; default ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--topic", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:FOOTFALL_DEFINITIONS_TOPIC:-" + DefinitionsTopic.DEFAULT_TOPIC + "}",
            description = "The definitions topic (FOOTFALL_DEFINITIONS_TOPIC; default ${DEFAULT-VALUE}).")
    String topic;

    /** @param builtInSites sites that exist without a sites file (the local mode's {@code local}) */
    public DefinitionsCommand(Set<String> builtInSites) {
        this.builtInSites = Set.copyOf(builtInSites);
    }

    public DefinitionsCommand() {
        this(Set.of());
    }

    DefinitionsTopic definitionsTopic() {
        return new DefinitionsTopic(kafka, topic);
    }

    /**
     * What {@code apply} and {@code list} share: the parent's topic options, and a Kafka that cannot
     * be used said in one line rather than a stack trace.
     */
    abstract static class TopicCommand implements Callable<Integer> {

        @ParentCommand
        DefinitionsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(spec.commandLine().getOut(), err);
            } catch (KafkaException e) {
                return kafkaFailure(err, spec.name(), parent.kafka, e);
            }
        }

        /** The subcommand itself; returns its exit code. */
        abstract int run(PrintWriter out, PrintWriter err);
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Check a definitions file and, if it is valid as a whole, put it in force; optionally "
                    + "compute what it adds over the events the raw topic still holds.")
    static final class Apply extends TopicCommand {

        @Parameters(paramLabel = "FILE", arity = "0..1", defaultValue = "${env:FOOTFALL_DEFINITIONS_FILE}",
                description = "The definitions file (JSON, see docs/funnels.md; default FOOTFALL_DEFINITIONS_FILE).")
        Path file;

        @Option(names = "--sites-file", paramLabel = "FILE", defaultValue = "${env:FOOTFALL_SITES_FILE}",
                description = "The sites file whose site ids the definitions may name (FOOTFALL_SITES_FILE).")
        Path sitesFile;

        @Option(names = "--backfill", paramLabel = "AGE",
                description = "Also compute the new and changed definitions over the raw topic's events of the "
                        + "last AGE (e.g. 7d), as far as Kafka's retention allows.")
        String backfill;

        @Option(names = "--check", description = "Only check the file and show what would change.")
        boolean check;

        @Option(names = "--raw-topic", defaultValue = "${env:FOOTFALL_RAW_TOPIC:-footfall.raw}",
                description = "With --backfill: the raw topic (FOOTFALL_RAW_TOPIC; default ${DEFAULT-VALUE}).")
        String rawTopic;

        @Option(names = "--opensearch", paramLabel = "URL",
                defaultValue = "${env:FOOTFALL_OPENSEARCH_URL:-http://127.0.0.1:9200}",
                description = "With --backfill: where the documents go (FOOTFALL_OPENSEARCH_URL; default ${DEFAULT-VALUE}).")
        String openSearch;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            if (file == null) {
                err.println("footfall definitions apply: name the definitions file (or set FOOTFALL_DEFINITIONS_FILE)");
                return REFUSED;
            }
            Definitions definitions;
            Duration age = null;
            DefinitionsBackfill backfiller = null;
            try {
                definitions = Definitions.parse(Files.readString(file));
                definitions.requireKnownSites(knownSites());
                if (backfill != null) {
                    age = Definitions.parseAge(backfill);
                    backfiller = ServiceLoader.load(DefinitionsBackfill.class).findFirst().orElseThrow(() ->
                            new DefinitionsException(List.of("--backfill needs the Flink job, which this installation "
                                    + "of the command does not have: run ./footfall definitions apply")));
                }
            } catch (IOException e) {
                err.println("footfall definitions apply: cannot read " + e.getMessage());
                return REFUSED;
            } catch (DefinitionsException e) {
                err.println("footfall definitions apply: " + file + " is not applied; nothing changed:");
                e.problems().forEach(problem -> err.println("  " + problem));
                return REFUSED;
            }

            DefinitionsTopic topic = parent.definitionsTopic();
            Map<String, Definitions> inForce = current(topic, err);
            Map<String, Definitions> next = new LinkedHashMap<>();
            for (String site : new TreeSet<>(union(inForce.keySet(), definitions.sites()))) {
                Definitions wanted = definitions.forSite(site);
                if (!wanted.equals(inForce.getOrDefault(site, Definitions.empty()))) {
                    next.put(site, wanted);
                }
            }
            Definitions added = added(inForce, definitions);
            printChanges(out, inForce, definitions);
            if (check) {
                out.println(next.isEmpty() ? "Nothing would change." : "Nothing applied (--check).");
                return 0;
            }
            if (next.isEmpty()) {
                out.println("Nothing to change: these definitions are in force.");
            } else {
                topic.ensureExists();
                topic.publish(next).forEach((site, offset) ->
                        out.printf("Applied the definitions of site %s (offset %d of %s).%n", site, offset, topic.topic()));
            }
            if (backfiller != null) {
                if (added.isEmpty()) {
                    out.println("Nothing new to backfill.");
                } else {
                    out.printf("Backfilling %d goal(s) and %d funnel(s) over the last %s ...%n", added.goals().size(),
                            added.funnels().size(), backfill);
                    try {
                        backfiller.run(new DefinitionsBackfill.Request(parent.kafka, rawTopic, openSearch, added, age))
                                .forEach(out::println);
                    } catch (Exception e) {
                        err.println("footfall definitions apply: the definitions are in force, but the backfill failed: "
                                + e.getMessage());
                        return 1;
                    }
                }
            }
            return 0;
        }

        private Set<String> knownSites() throws DefinitionsException {
            Set<String> known = new TreeSet<>(parent.builtInSites);
            if (sitesFile != null) {
                try {
                    known.addAll(Sites.load(sitesFile).ids());
                } catch (RuntimeException e) {
                    throw new DefinitionsException(List.of("the sites file " + sitesFile + " cannot be used: "
                            + e.getMessage()));
                }
            }
            return known;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the goals and funnels in force.")
    static final class ListCommand extends TopicCommand {

        @Option(names = "--json", description = "Print them as a definitions file (what apply reads).")
        boolean json;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            Map<String, DefinitionsTopic.Stored> stored = parent.definitionsTopic().readAll();
            Map<String, Definitions> inForce = current(stored, err);
            if (json) {
                out.println(Definitions.merge(inForce.values()).toJson());
                return 0;
            }
            if (inForce.isEmpty()) {
                out.println("No goals or funnels are defined.");
                return 0;
            }
            inForce.forEach((site, definitions) -> {
                out.printf("Site %s (applied %s)%n", site, Instant.ofEpochMilli(stored.get(site).timestamp()));
                for (Goal goal : definitions.goals()) {
                    out.printf("  goal   %-28s %s%n", goal.name(), describe(goal.match()));
                }
                for (Funnel funnel : definitions.funnels()) {
                    out.printf("  funnel %-28s %s, window %s: %s%n", funnel.name(), funnel.order().wireName(),
                            funnel.windowText(), String.join(" > ", funnel.steps().stream().map(ListCommand::step)
                                    .toList()));
                }
            });
            return 0;
        }

        private static String step(Step step) {
            return step.name() == null ? describe(step.match()) : step.name() + " (" + describe(step.match()) + ")";
        }
    }

    static String describe(dev.footfall.definitions.Match match) {
        if (match instanceof dev.footfall.definitions.Match.Event event) {
            return "event \"" + event.name() + "\"" + (event.props().isEmpty() ? "" : " with " + event.props());
        }
        return "page " + match.label();
    }

    /** What the topic holds now, parsed; a record that does not parse is reported and treated as absent. */
    static Map<String, Definitions> current(DefinitionsTopic topic, PrintWriter err) {
        return current(topic.readAll(), err);
    }

    private static Map<String, Definitions> current(Map<String, DefinitionsTopic.Stored> stored, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        Definitions all = DefinitionsTopic.parseAll(stored, problems);
        problems.forEach(p -> err.println("warning: the definitions topic holds " + p));
        return all.bySite();
    }

    /**
     * A broker that cannot be reached or an address that is not one: said in one line that names the
     * address and where it came from, not as a stack trace.
     */
    private static int kafkaFailure(PrintWriter err, String command, String bootstrap, KafkaException e) {
        StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            why.append(": ").append(cause.getMessage());
        }
        err.printf("footfall definitions %s: cannot use Kafka at %s (--kafka, FOOTFALL_KAFKA_BOOTSTRAP): %s%n",
                command, bootstrap, why);
        return 1;
    }

    /** The goals and funnels of {@code next} that are not in force as they are: new, or changed. */
    static Definitions added(Map<String, Definitions> inForce, Definitions next) {
        List<Goal> goals = new ArrayList<>();
        List<Funnel> funnels = new ArrayList<>();
        for (Goal goal : next.goals()) {
            if (!inForce.getOrDefault(goal.site(), Definitions.empty()).goals().contains(goal)) {
                goals.add(goal);
            }
        }
        for (Funnel funnel : next.funnels()) {
            boolean same = inForce.getOrDefault(funnel.site(), Definitions.empty()).funnels().stream()
                    .anyMatch(f -> f.stateKey().equals(funnel.stateKey()));
            if (!same) {
                funnels.add(funnel);
            }
        }
        return new Definitions(goals, funnels);
    }

    private static void printChanges(PrintWriter out, Map<String, Definitions> inForce, Definitions next) {
        for (String site : new TreeSet<>(union(inForce.keySet(), next.sites()))) {
            Definitions before = inForce.getOrDefault(site, Definitions.empty());
            Definitions after = next.forSite(site);
            List<String> lines = new ArrayList<>();
            diff(lines, "goal", before.goals().stream().map(Goal::name).toList(),
                    after.goals().stream().map(Goal::name).toList(),
                    name -> Objects.equals(find(before.goals(), name), find(after.goals(), name)));
            diff(lines, "funnel", before.funnels().stream().map(Funnel::name).toList(),
                    after.funnels().stream().map(Funnel::name).toList(),
                    name -> findFunnel(before.funnels(), name).stateKey().equals(findFunnel(after.funnels(), name).stateKey()));
            out.printf("Site %s:%n", site);
            lines.forEach(line -> out.println("  " + line));
        }
    }

    private static void diff(List<String> lines, String kind, List<String> before, List<String> after,
            java.util.function.Predicate<String> unchanged) {
        for (String name : after) {
            lines.add((before.contains(name) ? unchanged.test(name) ? "= " : "~ " : "+ ") + kind + " " + name
                    + (before.contains(name) && !unchanged.test(name) ? " (changed: starts afresh)" : ""));
        }
        for (String name : before) {
            if (!after.contains(name)) {
                lines.add("- " + kind + " " + name + " (removed; its documents stay)");
            }
        }
    }

    private static Goal find(List<Goal> goals, String name) {
        return goals.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private static Funnel findFunnel(List<Funnel> funnels, String name) {
        return funnels.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
