package dev.footfall.job.enrich;

/**
 * Where an address is, as far as a GeoIP database says.
 *
 * @param country ISO 3166-1 alpha-2 code
 * @param region ISO 3166-2 code of the most specific subdivision, e.g. {@code US-CA}
 */
public record Location(String country, String region) {

    public static final Location UNKNOWN = new Location(null, null);
}
