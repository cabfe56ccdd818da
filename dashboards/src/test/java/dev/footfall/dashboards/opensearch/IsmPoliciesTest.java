package dev.footfall.dashboards.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.dashboards.standin.IsmStandIn;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Applying the policies where ISM is installed, against a stand-in that keeps ISM's conflict
 * rules: a second run must not trip over the 409 a blind re-create gets, and a changed age must
 * update at the current sequence number.
 */
class IsmPoliciesTest {

    @AutoClose
    private final IsmStandIn ism = new IsmStandIn();
    private final RestClient client = new RestClient(Endpoint.of("OpenSearch", ism.url()));

    @Test
    void detectsThePluginFromTheNodesPluginList() {
        assertThat(IsmPolicies.isAvailable(client)).isTrue();
    }

    @Test
    void createsThenLeavesAnIdenticalPolicyAlone() {
        RetentionAge age = RetentionAge.parse("90d");
        assertThat(IsmPolicies.apply(client, IndexFamily.EVENTS, age).outcome()).isEqualTo(IsmPolicies.Outcome.CREATED);
        int callsAfterFirst = ism.calls().size();

        IsmPolicies.PolicyResult second = IsmPolicies.apply(client, IndexFamily.EVENTS, age);

        assertThat(second.outcome()).isEqualTo(IsmPolicies.Outcome.UNCHANGED);
        assertThat(ism.calls().subList(callsAfterFirst, ism.calls().size())).extracting(IsmStandIn.Call::method)
                .containsExactly("GET", "POST");
        assertThat(ism.calls()).noneMatch(c -> c.status() == 409);
        assertThat(ism.policy("footfall-events-retention")).isEqualTo(IsmPolicies.policy(IndexFamily.EVENTS, age));
        assertThat(second.attachFailures()).as("an index that already has the policy is not a failure").isEmpty();
    }

    @Test
    void aChangedAgeUpdatesAtTheCurrentSequenceNumberAndMovesManagedIndices() {
        IsmPolicies.apply(client, IndexFamily.INVALID, RetentionAge.parse("14d"));
        IsmPolicies.PolicyResult updated = IsmPolicies.apply(client, IndexFamily.INVALID, RetentionAge.parse("7d"));

        assertThat(updated.outcome()).isEqualTo(IsmPolicies.Outcome.UPDATED);
        assertThat(ism.policy("footfall-invalid-retention").at("/policy/states/0/transitions/0/conditions/min_index_age").asText())
                .isEqualTo("7d");
        assertThat(ism.calls()).anySatisfy(c -> assertThat(c.pathAndQuery())
                .isEqualTo("/_plugins/_ism/policies/footfall-invalid-retention?if_seq_no=0&if_primary_term=1"));
        assertThat(ism.calls()).anySatisfy(c -> assertThat(c.pathAndQuery()).isEqualTo("/_plugins/_ism/change_policy/footfall-invalid-*"));
        assertThat(ism.calls()).noneMatch(c -> c.status() == 409);
    }

    @Test
    void theWholeSetupAppliesEveryFamilysPolicyAndReportsThem() {
        OpenSearchSetup.Report report = OpenSearchSetup.apply(client, OpenSearchSetup.Settings.defaults());
        assertThat(report.policies()).extracting(IsmPolicies.PolicyResult::outcome).containsOnly(IsmPolicies.Outcome.CREATED)
                .hasSize(IndexFamily.values().length);
        assertThat(report.ismAvailable()).isTrue();
        assertThat(String.join("\n", report.lines())).contains("ISM policy footfall-sessions-retention created (delete after 730d)")
                .doesNotContain("not installed");
        assertThat(OpenSearchSetup.apply(client, OpenSearchSetup.Settings.defaults()).policies())
                .extracting(IsmPolicies.PolicyResult::outcome).containsOnly(IsmPolicies.Outcome.UNCHANGED);
    }

    @Test
    void anIndexThatCouldNotBeAttachedIsReported() {
        ism.addFailureReason("index is closed");
        IsmPolicies.PolicyResult result = IsmPolicies.apply(client, IndexFamily.HEALTH, RetentionAge.parse("90d"));
        assertThat(result.attachFailures()).containsExactly("footfall-x-2025.03.14: index is closed");
    }
}
