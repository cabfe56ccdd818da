package dev.footfall.dashboards.data;

import dev.footfall.dashboards.translate.TimeRange;
import dev.footfall.testkit.OpenSearchTestClient;

/**
 * Where the dashboard data tests get the pipeline's documents from. Today: {@link ScriptedPipelineOutput},
 * documents written by hand to docs/index-schema.md for the story told there. Later: the Flink
 * job run over the same story's raw events; the expected panel values stay the same, because they
 * follow from the story, not from how the documents were made.
 */
public interface PipelineOutput {

    /**
     * Puts the documents into the node's daily {@code footfall-*} indices (through the index
     * templates, which must already be applied) and makes them searchable.
     */
    void writeTo(OpenSearchTestClient search);

    /** The time range the story happens in (what a dashboard's time picker would be set to). */
    TimeRange range();

    /** The last five minutes of the story, for the realtime dashboard. */
    TimeRange lastFiveMinutes();
}
