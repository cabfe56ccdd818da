package dev.footfall.dashboards;

import dev.footfall.config.Durations;
import dev.footfall.dashboards.opensearch.IndexSettings;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.dashboards.opensearch.RetentionAge;
import dev.footfall.dashboards.opensearch.RetentionSettings;
import dev.footfall.dashboards.savedobjects.DashboardsImporter;
import dev.footfall.dashboards.savedobjects.ImportFailedException;
import dev.footfall.dashboards.savedobjects.ImportProblem;
import dev.footfall.dashboards.savedobjects.ImportReport;
import dev.footfall.dashboards.savedobjects.ImportValidator;
import dev.footfall.dashboards.savedobjects.SavedObjectsFile;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import dev.footfall.index.client.ServerReadiness;
import dev.footfall.index.client.TlsTrust;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code footfall-setup}: applies the index templates and retention policies to OpenSearch and
 * imports the dashboards into OpenSearch Dashboards. Waits for both servers up to a deadline, is
 * safe to run again, and exits with a code per kind of failure ({@link ExitCode}). Every option
 * has an environment variable, so docker-compose can run it as a one-shot service.
 */
@Command(name = "footfall-setup", mixinStandardHelpOptions = true, version = "footfall-setup 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Applies Footfall's index templates and retention policies to OpenSearch and imports its",
                "dashboards into OpenSearch Dashboards. Idempotent: safe to run again.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:unexpected failure", "2:bad options", "3:a server is unreachable or not ready in time",
                "4:credentials refused (401/403)", "5:OpenSearch refused a template or policy",
                "6:OpenSearch Dashboards refused the import or some objects"},
        footer = {"", "Each option can also be set by the environment variable named in its description."})
public final class SetupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--opensearch-url", paramLabel = "URL", defaultValue = "${env:FOOTFALL_OPENSEARCH_URL:-http://localhost:9200}",
            description = "OpenSearch REST URL (FOOTFALL_OPENSEARCH_URL; default ${DEFAULT-VALUE}).")
    private String openSearchUrl;

    @Option(names = "--opensearch-user", paramLabel = "USER", defaultValue = "${env:FOOTFALL_OPENSEARCH_USER}",
            description = "Basic-auth user, when the security plugin is on (FOOTFALL_OPENSEARCH_USER).")
    private String openSearchUser;

    @Option(names = "--opensearch-password", paramLabel = "PASSWORD", defaultValue = "${env:FOOTFALL_OPENSEARCH_PASSWORD}",
            description = "Basic-auth password (FOOTFALL_OPENSEARCH_PASSWORD; prefer the variable to the option).")
    private String openSearchPassword;

    @Option(names = "--dashboards-url", paramLabel = "URL", defaultValue = "${env:FOOTFALL_DASHBOARDS_URL:-http://localhost:5601}",
            description = "OpenSearch Dashboards URL, with its base path if any (FOOTFALL_DASHBOARDS_URL; default ${DEFAULT-VALUE}).")
    private String dashboardsUrl;

    @Option(names = "--dashboards-user", paramLabel = "USER", defaultValue = "${env:FOOTFALL_DASHBOARDS_USER}",
            description = "Basic-auth user for Dashboards (FOOTFALL_DASHBOARDS_USER; default: the OpenSearch user).")
    private String dashboardsUser;

    @Option(names = "--dashboards-password", paramLabel = "PASSWORD", defaultValue = "${env:FOOTFALL_DASHBOARDS_PASSWORD}",
            description = "Basic-auth password for Dashboards (FOOTFALL_DASHBOARDS_PASSWORD; default: the OpenSearch password).")
    private String dashboardsPassword;

    @Option(names = "--dashboards-tenant", paramLabel = "TENANT", defaultValue = "${env:FOOTFALL_DASHBOARDS_TENANT:-global}",
            description = "Security-plugin tenant to import into; empty for none (FOOTFALL_DASHBOARDS_TENANT; default ${DEFAULT-VALUE}).")
    private String dashboardsTenant;

    @Option(names = "--ca-cert", paramLabel = "PEM", defaultValue = "${env:FOOTFALL_CA_CERT}",
            description = "Trust this CA certificate (PEM) for https (FOOTFALL_CA_CERT).")
    private Path caCert;

    @Option(names = "--insecure", defaultValue = "${env:FOOTFALL_INSECURE:-false}",
            description = "Accept any https certificate and host name, for self-signed demo certificates only (FOOTFALL_INSECURE).")
    private boolean insecure;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "${env:FOOTFALL_SETUP_WAIT:-120s}",
            description = "How long to wait for each server to be ready, e.g. 90s or 5m (FOOTFALL_SETUP_WAIT; default ${DEFAULT-VALUE}).")
    private String wait;

    @Option(names = "--shards", defaultValue = "${env:FOOTFALL_INDEX_SHARDS:-1}",
            description = "Primary shards per daily index (FOOTFALL_INDEX_SHARDS; default ${DEFAULT-VALUE}).")
    private int shards;

    @Option(names = "--replicas", defaultValue = "${env:FOOTFALL_INDEX_REPLICAS:-0}",
            description = "Replicas per daily index; 0 on a single node (FOOTFALL_INDEX_REPLICAS; default ${DEFAULT-VALUE}).")
    private int replicas;


    @Option(names = "--ism", paramLabel = "MODE", defaultValue = "${env:FOOTFALL_ISM:-AUTO}",
            description = "ISM retention policies: AUTO (apply where the plugin is installed), REQUIRE, SKIP (FOOTFALL_ISM; default ${DEFAULT-VALUE}).")
    private OpenSearchSetup.IsmMode ism;

    @Option(names = "--saved-objects", paramLabel = "NDJSON", defaultValue = "${env:FOOTFALL_SAVED_OBJECTS}",
            description = "Import this NDJSON instead of the bundled dashboards (FOOTFALL_SAVED_OBJECTS).")
    private Path savedObjects;

    @Option(names = "--skip-opensearch", description = "Do not touch OpenSearch.")
    private boolean skipOpenSearch;

    @Option(names = "--skip-dashboards", defaultValue = "${env:FOOTFALL_SKIP_DASHBOARDS:-false}",
            description = "Do not import into OpenSearch Dashboards (FOOTFALL_SKIP_DASHBOARDS).")
    private boolean skipDashboards;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line (exit codes for bad options included). */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new SetupCommand());
        // One --retention-<family> option per index family, made from the contract, so a new
        // family gets its option, variable and default without a change here.
        for (IndexFamily family : IndexFamily.values()) {
            cmd.getCommandSpec().addOption(OptionSpec.builder(retentionOption(family))
                    .paramLabel("AGE").type(String.class)
                    .defaultValue("${env:" + retentionEnv(family) + ":-" + Durations.format(family.defaultRetention()) + "}")
                    .description("Keep " + family.indexPattern() + " this long (" + retentionEnv(family)
                            + "; default ${DEFAULT-VALUE}).")
                    .build());
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(e -> ExitCode.of(e).code());
        return cmd;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(out);
            out.println("footfall-setup: done");
            out.flush();
            return ExitCode.OK.code();
        } catch (ImportFailedException | ServerException | IllegalArgumentException e) {
            // Failures the user can act on: the message says what and where, no stack trace.
            err.println("footfall-setup: error: " + e.getMessage());
            err.flush();
            return ExitCode.of(e).code();
        }
    }

    private void run(PrintWriter out) {
        // Every option is checked before anything waits or writes, so a typo fails at once.
        Duration deadline = Durations.parse("--wait / FOOTFALL_SETUP_WAIT", wait);
        TlsTrust tls = insecure ? TlsTrust.insecureTrustAll() : caCert != null ? TlsTrust.caCertificate(caCert) : TlsTrust.systemDefault();
        OpenSearchSetup.Settings settings = new OpenSearchSetup.Settings(new IndexSettings(shards, replicas), retention(), ism);
        SavedObjectsFile objects = skipDashboards ? null : loadSavedObjects();
        RestClient openSearch = skipOpenSearch ? null : new RestClient(Endpoint.of("OpenSearch", openSearchUrl)
                .withCredentials(openSearchUser, openSearchPassword).withTls(tls));
        RestClient dashboards = null;
        if (!skipDashboards) {
            String user = blank(dashboardsUser) ? openSearchUser : dashboardsUser;
            String password = blank(dashboardsUser) && blank(dashboardsPassword) ? openSearchPassword : dashboardsPassword;
            dashboards = new RestClient(Endpoint.of("OpenSearch Dashboards", dashboardsUrl).withCredentials(user, password).withTls(tls));
        }

        if (openSearch != null) {
            out.println("waiting for OpenSearch at " + openSearch.endpoint().baseUri() + " (up to " + deadline.toSeconds() + " s)");
            out.flush();
            ServerReadiness.awaitOpenSearch(openSearch, deadline);
            OpenSearchSetup.apply(openSearch, settings).lines().forEach(out::println);
            out.flush();
        }
        if (dashboards != null) {
            out.println("waiting for OpenSearch Dashboards at " + dashboards.endpoint().baseUri() + " (up to " + deadline.toSeconds() + " s)");
            out.flush();
            ServerReadiness.awaitDashboards(dashboards, deadline);
            ImportReport report = DashboardsImporter.importObjects(dashboards, objects.bytes(), "footfall-saved-objects.ndjson",
                    Optional.ofNullable(dashboardsTenant));
            out.println("imported " + report.successCount() + " saved objects into OpenSearch Dashboards"
                    + (blank(dashboardsTenant) ? "" : " (tenant " + dashboardsTenant + ")"));
            out.flush();
        }
    }

    /** The bundled NDJSON, or the given file after the same offline checks the import makes. */
    private SavedObjectsFile loadSavedObjects() {
        if (savedObjects == null) {
            return SavedObjectsFile.footfall();
        }
        String ndjson;
        try {
            ndjson = Files.readString(savedObjects, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --saved-objects " + savedObjects + ": " + e.getMessage());
        }
        List<ImportProblem> problems = ImportValidator.validate(ndjson);
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder(savedObjects + " would not import cleanly:");
            problems.forEach(p -> sb.append("\n  ").append(p));
            throw new ImportFailedException(sb.toString(), null);
        }
        return SavedObjectsFile.parse(ndjson);
    }

    private RetentionSettings retention() {
        RetentionSettings retention = RetentionSettings.defaults();
        for (IndexFamily family : IndexFamily.values()) {
            String text = spec.findOption(retentionOption(family)).getValue();
            retention = retention.with(family, RetentionAge.parse(retentionOption(family) + " / " + retentionEnv(family), text));
        }
        return retention;
    }

    /** {@code --retention-events}. */
    static String retentionOption(IndexFamily family) {
        return "--retention-" + family.shortName();
    }

    /** {@code FOOTFALL_RETENTION_EVENTS}: the variable setting a family's retention age. */
    public static String retentionEnv(IndexFamily family) {
        return "FOOTFALL_RETENTION_" + family.shortName().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
