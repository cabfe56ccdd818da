package dev.footfall.job.enrich;

/**
 * What a user agent says about the client.
 *
 * @param deviceType {@code desktop}, {@code mobile}, {@code tablet}, {@code bot} or {@code other}
 */
public record DeviceInfo(String browser, String browserVersion, String os, String osVersion, String deviceType,
        boolean bot) {

    /** No user agent at all (server-side SDKs): nothing known, and not taken for a bot. */
    public static final DeviceInfo UNKNOWN = new DeviceInfo(null, null, null, null, "other", false);
}
