package dev.footfall.dashboards.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retention for nodes without the ISM plugin (the local mode's embedded node): deletes the daily
 * indices of each family once they are past the family's retention age, the same ages the ISM
 * policies enforce.
 *
 * <p>The age comes from the date in the index name, not from the creation date ISM uses: a daily
 * index holds one UTC day, so it is deleted once its whole day is older than the retention age
 * ({@code day + 1 day + age <= now}). Both keep every document at least its retention age; an index
 * created late for old data (a late event) is deleted here by its data's age, by ISM by its own.
 */
public final class DailyIndexRetention {

    private static final System.Logger LOG = System.getLogger(DailyIndexRetention.class.getName());

    private final RestClient client;
    private final RetentionSettings retention;
    private final Clock clock;

    public DailyIndexRetention(RestClient client, RetentionSettings retention, Clock clock) {
        this.client = client;
        this.retention = retention;
        this.clock = clock;
    }

    /** Whether a daily index of {@code family} for {@code day} is past its retention at {@code now}. */
    public static boolean isExpired(LocalDate day, RetentionAge age, Instant now) {
        Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !endOfDay.plus(age.duration()).isAfter(now);
    }

    /** Deletes every expired footfall daily index; returns the names deleted, oldest first. */
    public List<String> enforce() {
        Instant now = clock.instant();
        List<String> deleted = new ArrayList<>();
        for (String index : listFootfallIndices()) {
            Optional<IndexFamily> family = IndexFamily.ofIndex(index);
            if (family.isEmpty()) {
                continue;
            }
            Optional<LocalDate> day = family.get().dayOf(index);
            if (day.isPresent() && isExpired(day.get(), retention.ageOf(family.get()), now)) {
                delete(index);
                deleted.add(index);
            }
        }
        return deleted;
    }

    /**
     * Runs {@link #enforce()} now and then every {@code period} on a daemon thread until the
     * returned handle is closed. A failed run is logged and retried at the next period.
     */
    public AutoCloseable runEvery(Duration period) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "footfall-retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(() -> {
            try {
                List<String> deleted = enforce();
                if (!deleted.isEmpty()) {
                    LOG.log(System.Logger.Level.INFO, "retention deleted {0}", deleted);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "retention run failed; retrying in " + period, e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler::shutdownNow;
    }

    private List<String> listFootfallIndices() {
        RestClient.Response response = client.get("/_cat/indices/footfall-*?format=json&h=index&expand_wildcards=open,closed");
        OpenSearchAnswers.requireSuccess(client, response, "cannot list footfall indices");
        List<String> names = new ArrayList<>();
        for (JsonNode row : response.json()) {
            names.add(row.path("index").asText());
        }
        names.sort(null);
        return names;
    }

    private void delete(String index) {
        RestClient.Response response = client.delete("/" + index);
        // Already gone (deleted by hand, or by a run on another instance) is what was wanted.
        if (response.status() != 404) {
            OpenSearchAnswers.requireSuccess(client, response, "cannot delete expired index " + index);
        }
    }
}
