package dev.footfall.local.cli;

import dev.footfall.console.cli.OpenSearchOptions;
import dev.footfall.index.client.ServerException;
import dev.footfall.local.erase.Eraser;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Delete a person's data (events, sessions, invalid records) across all indices: "
                + "the right to erasure. See SECURITY.md.")
public final class EraseCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user-id", required = true, description = "The user id (also erases the anonymous ids it was seen with).")
        String userId;

        @Option(names = "--anonymous-id", required = true, description = "The anonymous (or cookieless visitor) id.")
        String anonymousId;
    }

    @Option(names = "--site", description = "Only this site (default: every site).")
    String site;

    @Mixin
    OpenSearchOptions openSearch;

    @Override
    public Integer call() {
        Eraser.Subject subject = new Eraser.Subject(who.userId, who.anonymousId, site);
        try {
            Map<String, Long> deleted = new Eraser(openSearch.client()).erase(subject);
            long total = deleted.values().stream().mapToLong(Long::longValue).sum();
            deleted.forEach((index, count) -> System.out.printf("  %-24s %,d deleted%n", index, count));
            System.out.printf("Erased %,d documents for %s.%n", total,
                    who.userId != null ? "user " + who.userId : "anonymous id " + who.anonymousId);
            return 0;
        } catch (ServerException e) {
            System.err.println("footfall erase: " + OpenSearchOptions.explain(e));
            return 1;
        }
    }
}
