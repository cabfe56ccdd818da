package dev.footfall.dashboards.opensearch;

import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts everything Footfall needs into OpenSearch: the index templates (and their fields into the
 * indices that exist) and, where the ISM plugin answers, the retention policies. Safe to run
 * again. The plain-Java entry point for the local launcher; the setup command calls the same.
 */
public final class OpenSearchSetup {

    private OpenSearchSetup() {
    }

    /** What to do with ISM. */
    public enum IsmMode {
        /** Apply the policies where the plugin is installed; report its absence and go on. */
        AUTO,
        /** Fail when the plugin is missing (a deployment that relies on it). */
        REQUIRE,
        /** Leave ISM alone. */
        SKIP
    }

    public record Settings(IndexSettings index, RetentionSettings retention, IsmMode ism) {

        public static Settings defaults() {
            return new Settings(IndexSettings.singleNode(), RetentionSettings.defaults(), IsmMode.AUTO);
        }

        public Settings withIsm(IsmMode mode) {
            return new Settings(index, retention, mode);
        }
    }

    /** What was done, ready to print line by line. */
    public record Report(List<IndexFamily> templates, boolean ismAvailable, List<IsmPolicies.PolicyResult> policies,
                         IsmMode ismMode) {

        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (IndexFamily family : templates) {
                lines.add("index template " + family.templateName() + " applied (" + family.indexPattern()
                        + "; its fields added to the existing indices)");
            }
            if (ismMode == IsmMode.SKIP) {
                lines.add("ISM retention policies skipped (--ism=skip)");
            } else if (!ismAvailable) {
                lines.add("ISM plugin not installed on this node: retention policies not applied; "
                        + "run the local retention enforcer (DailyIndexRetention) for the same retention");
            }
            for (IsmPolicies.PolicyResult p : policies) {
                lines.add("ISM policy " + IsmPolicies.policyId(p.family()) + " " + p.outcome().name().toLowerCase()
                        + " (delete after " + p.age() + ")");
                for (String failure : p.attachFailures()) {
                    lines.add("  warning: could not attach to " + failure);
                }
            }
            return lines;
        }
    }

    public static Report apply(RestClient client, Settings settings) {
        List<IndexFamily> templates = new ArrayList<>();
        for (IndexFamily family : IndexFamily.values()) {
            IndexTemplates.apply(client, family, settings.index());
            templates.add(family);
        }
        List<IsmPolicies.PolicyResult> policies = new ArrayList<>();
        boolean available = false;
        if (settings.ism() != IsmMode.SKIP) {
            available = IsmPolicies.isAvailable(client);
            if (!available && settings.ism() == IsmMode.REQUIRE) {
                throw new ServerException(ServerException.Kind.REJECTED, "the ISM plugin (" + IsmPolicies.ISM_COMPONENT
                        + ") is not installed on " + client.endpoint().baseUri() + " and --ism=require was given");
            }
            if (available) {
                for (IndexFamily family : IndexFamily.values()) {
                    policies.add(IsmPolicies.apply(client, family, settings.retention().ageOf(family)));
                }
            }
        }
        return new Report(templates, available, policies, settings.ism());
    }
}
