package dev.footfall.job.model;

/**
 * The keyed-state key for a visitor. The site's length comes first, so no site or visitor id,
 * whatever characters it holds, can make two different pairs produce the same key.
 */
public final class VisitorKey {

    private VisitorKey() {
    }

    public static String of(String siteId, String visitorId) {
        return siteId.length() + ":" + siteId + "/" + visitorId;
    }
}
