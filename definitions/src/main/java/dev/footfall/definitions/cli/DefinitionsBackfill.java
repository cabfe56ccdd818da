package dev.footfall.definitions.cli;

import dev.footfall.definitions.Definitions;
import java.time.Duration;
import java.util.List;

/**
 * Computes definitions over the events the raw topic still holds. A Flink job does it, so it is
 * provided by a module that carries the job (found with {@link java.util.ServiceLoader}); where
 * none is on the classpath, {@code apply --backfill} is refused before anything is applied.
 */
public interface DefinitionsBackfill {

    /**
     * What to compute, and where: the job's other settings (credentials, lateness) come from its
     * {@code FOOTFALL_*} environment variables.
     *
     * @param definitions only what is new or changed: the rest has been computed live all along
     * @param age how far back: the raw topic's records received in the last {@code age}
     */
    record Request(String kafkaBootstrap, String rawTopic, String openSearchUrl, Definitions definitions,
            Duration age) {
    }

    /** @return lines that say what was computed, for the console */
    List<String> run(Request request) throws Exception;
}
