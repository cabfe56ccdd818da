package dev.footfall.job;

/**
 * The uid and name of every source, stateful operator and sink. Uids tie state in checkpoints and
 * savepoints to operators: never change one, or the job loses that operator's state on upgrade.
 */
public final class OperatorIds {

    public static final String SOURCE_UID = "kafka-raw-source";
    public static final String SOURCE_NAME = "Kafka raw events (validated)";

    public static final String SPLIT_INVALID_UID = "split-invalid";
    public static final String SPLIT_INVALID_NAME = "Split invalid records";

    public static final String DEDUP_UID = "deduplicate-events";
    public static final String DEDUP_NAME = "Deduplicate by (site, visitor, messageId)";

    public static final String ENRICH_UID = "enrich-events";
    public static final String ENRICH_NAME = "Enrich (user agent, source, URL, GeoIP)";

    public static final String SESSIONIZER_UID = "sessionizer";
    public static final String SESSIONIZER_NAME = "Sessionize per (site, visitor)";

    public static final String DEFINITIONS_SOURCE_UID = "kafka-definitions-source";
    public static final String DEFINITIONS_SOURCE_NAME = "Kafka goal and funnel definitions";

    public static final String CANDIDATES_UID = "goal-funnel-candidates";
    public static final String CANDIDATES_NAME = "Page views and custom events of people";

    public static final String GOALS_FUNNELS_UID = "goals-and-funnels";
    public static final String GOALS_FUNNELS_NAME = "Goals and funnels per (site, visitor)";

    public static final String ROLLUPS_UID = "rollups-1m";
    public static final String ROLLUPS_NAME = "Rollups, 1-minute windows";

    public static final String HEALTH_UID = "health-1m";
    public static final String HEALTH_NAME = "Pipeline health, 1-minute windows";

    public static final String INVALID_DOCS_UID = "invalid-documents";
    public static final String INVALID_DOCS_NAME = "Invalid event documents";

    public static final String INVALID_HEALTH_UID = "invalid-health";
    public static final String INVALID_HEALTH_NAME = "Count invalid events";

    public static final String DOCUMENT_SINK_UID = "opensearch-documents-sink";
    public static final String DOCUMENT_SINK_NAME = "OpenSearch events and sessions";

    public static final String AGGREGATE_SINK_UID = "opensearch-aggregates-sink";
    public static final String AGGREGATE_SINK_NAME = "OpenSearch rollups, health, invalid events, goals and funnels";

    public static final String DEAD_LETTER_SINK_UID = "kafka-dead-letter-sink";
    public static final String DEAD_LETTER_SINK_NAME = "Kafka dead letters";

    private OperatorIds() {
    }
}
