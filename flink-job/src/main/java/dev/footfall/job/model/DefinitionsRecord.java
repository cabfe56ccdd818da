package dev.footfall.job.model;

/**
 * One site's definitions as the definitions topic carries them (and broadcast state keeps them).
 *
 * @param offset the record's offset in the topic: a site's records all live in one partition, so
 *     a larger offset is a newer definition
 * @param json the definitions file's form for this site, or null when the site has none any more
 */
public record DefinitionsRecord(String siteId, long offset, String json) implements java.io.Serializable {
}
