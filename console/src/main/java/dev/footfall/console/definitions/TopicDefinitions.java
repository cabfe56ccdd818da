package dev.footfall.console.definitions;

import dev.footfall.console.query.DefinitionsInForce;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.index.client.ServerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definitions in force, read from the compacted topic the job reads them from, so the console
 * names the same funnels (and their current ids) as the job computes. Reading the topic takes a
 * Kafka consumer and a round trip or more, so it happens on a thread of its own every
 * {@code definitions.refresh}, never on a request: requests get the latest read. Until the first
 * read succeeds, requests that need definitions wait for it; if it fails they get a 503, and a
 * later failure keeps the last good read.
 */
public final class TopicDefinitions implements DefinitionsInForce, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicDefinitions.class);

    private final DefinitionsTopic topic;
    private final String bootstrap;
    private final ScheduledExecutorService reader;
    private volatile CompletableFuture<Definitions> current = new CompletableFuture<>();

    private TopicDefinitions(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = new DefinitionsTopic(bootstrap, topic);
        this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-definitions");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading the topic now and every {@code refresh} after each read. */
    public static TopicDefinitions start(String bootstrap, String topic, Duration refresh) {
        TopicDefinitions definitions = new TopicDefinitions(bootstrap, topic);
        definitions.reader.scheduleWithFixedDelay(definitions::read, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        return definitions;
    }

    @Override
    public CompletableFuture<Optional<Definitions>> forSite(String siteId) {
        return current.thenApply(all -> Optional.of(all.forSite(siteId)));
    }

    private void read() {
        try {
            List<String> problems = new ArrayList<>();
            Definitions all = DefinitionsTopic.parseAll(topic.readAll(), problems);
            // The job skips such a record too: say so, and serve the sites that parse.
            problems.forEach(p -> LOG.warn("Definitions topic {}: {}", topic.topic(), p));
            if (!current.complete(all)) {
                current = CompletableFuture.completedFuture(all);
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the definitions topic {} at {}: {}", topic.topic(), bootstrap, e.getMessage());
            current.completeExceptionally(new ServerException(ServerException.Kind.UNREACHABLE,
                    "the definitions topic " + topic.topic() + " at " + bootstrap + " cannot be read: " + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
