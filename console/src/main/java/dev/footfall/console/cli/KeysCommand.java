package dev.footfall.console.cli;

import dev.footfall.console.OpenSearchAccess;
import dev.footfall.console.auth.ApiKey;
import dev.footfall.console.auth.ApiKeyStore;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.index.client.ServerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./footfall keys create|list|revoke} (and {@code console keys ...} in the console's
 * image): the Stats API keys, kept (as hashes) in OpenSearch, where every console sees them at
 * once.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, list and revoke Stats API keys (stored in OpenSearch as hashes only).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("footfall keys: say create, list or revoke (./footfall keys --help)");
        return 2;
    }

    /**
     * A subcommand on the keys in OpenSearch; an OpenSearch failure is explained with what the user
     * can do (exit code 1), anything else is rethrown.
     */
    abstract static class StoreCommand implements Callable<Integer> {
        @Mixin
        OpenSearchOptions openSearch;

        @Override
        public Integer call() {
            try {
                return run(new ApiKeyStore(new OpenSearchAccess(openSearch.client()), Clock.systemUTC()));
            } catch (CompletionException | ServerException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof ServerException server) {
                    System.err.println("footfall keys: " + OpenSearchOptions.explain(server));
                    return 1;
                }
                throw e;
            }
        }

        /** The subcommand itself; returns its exit code. */
        abstract int run(ApiKeyStore store);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key for one or more sites and print it (the only time it is shown).")
    static final class Create extends StoreCommand {
        @Option(names = "--site", required = true, description = "A site the key reads (repeat for several).")
        List<String> sites = new ArrayList<>();

        @Option(names = "--name", description = "A label for `keys list` (default: the sites).")
        String name;

        @Option(names = "--sites-file", defaultValue = "${env:FOOTFALL_SITES_FILE}",
                description = "The sites file to check the site ids against (default: $FOOTFALL_SITES_FILE, else "
                        + "the local mode's .footfall/sites.json when it exists).")
        Path sitesFile;

        /** The site ids are checked before OpenSearch is asked anything. */
        @Override
        public Integer call() {
            Path file = sitesFile != null ? sitesFile : Path.of(System.getenv().getOrDefault("FOOTFALL_DATA_DIR", ".footfall"),
                    "sites.json");
            if (Files.exists(file)) {
                List<String> known = Sites.load(file).all().stream().map(Site::id).toList();
                for (String site : sites) {
                    if (!known.contains(site)) {
                        System.err.println("footfall keys: --site '" + site + "' is not in " + file + " (sites: "
                                + String.join(", ", known) + ")");
                        return 2;
                    }
                }
            }
            return super.call();
        }

        @Override
        int run(ApiKeyStore store) {
            ApiKeyStore.Created created = store.create(name != null ? name : String.join(",", sites), sites).join();
            System.out.println(created.key());
            System.err.println("footfall keys: created key " + created.apiKey().id() + " for " + sites
                    + "; it is shown only now, store it safely.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every key (never the keys themselves).")
    static final class ListKeys extends StoreCommand {
        @Override
        int run(ApiKeyStore store) {
            List<ApiKey> keys = store.list().join();
            System.out.printf("%-12s  %-20s  %-24s  %-20s  %s%n", "ID", "NAME", "SITES", "CREATED", "REVOKED");
            for (ApiKey key : keys) {
                System.out.printf("%-12s  %-20s  %-24s  %-20s  %s%n", key.id(), key.name(), String.join(",", key.sites()),
                        key.createdAt().toString().substring(0, 19), key.active() ? "-" : key.revokedAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by the ID that `keys list` shows.")
    static final class Revoke extends StoreCommand {
        @Parameters(paramLabel = "ID", description = "The key's ID (from keys list).")
        String id;

        @Override
        int run(ApiKeyStore store) {
            if (!store.revoke(id).join()) {
                System.err.println("footfall keys: no active key has the ID '" + id + "' (see ./footfall keys list)");
                return 1;
            }
            System.out.println("revoked " + id);
            return 0;
        }
    }
}
