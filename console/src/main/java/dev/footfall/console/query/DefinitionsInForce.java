package dev.footfall.console.query;

import dev.footfall.definitions.Definitions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The goals and funnels in force for a site, as the job applies them: the funnel endpoint takes a
 * funnel's current id and step labels from here, and {@code event:goal is} filters are checked
 * against the site's goals.
 */
public interface DefinitionsInForce {

    /** For a console that reads no definitions: goals are still counted, funnels cannot be named. */
    DefinitionsInForce NONE = site -> CompletableFuture.completedFuture(Optional.empty());

    /** Definitions read once, as a command reads them. */
    static DefinitionsInForce of(Definitions all) {
        return site -> CompletableFuture.completedFuture(Optional.of(all.forSite(site)));
    }

    /** The site's definitions; empty when this console does not know them (not: when the site has none). */
    CompletableFuture<Optional<Definitions>> forSite(String siteId);
}
