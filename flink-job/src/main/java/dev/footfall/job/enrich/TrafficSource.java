package dev.footfall.job.enrich;

/**
 * Where a visit came from, as docs/index-schema.md ("Source and medium") defines it.
 *
 * @param medium {@code organic}, {@code social}, {@code email}, {@code paid}, {@code referral},
 *     {@code internal}, {@code none}, or what a UTM parameter says
 */
public record TrafficSource(String source, String medium, String campaign, String term, String content) {

    public static final TrafficSource DIRECT = new TrafficSource("direct", "none", null, null, null);
}
