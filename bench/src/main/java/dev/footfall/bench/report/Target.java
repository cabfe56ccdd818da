package dev.footfall.bench.report;

/**
 * A performance target and whether this run reached it.
 *
 * @param description e.g. "at least 50% of the bare-Jetty floor"
 */
public record Target(String description, boolean met) {
}
