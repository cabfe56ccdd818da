package dev.footfall.job.enrich;

import java.util.Locale;
import java.util.Set;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Parses user agents with YAUAA (docs/flink-job.md explains the choice). The analyzer takes a
 * few seconds and about 140 MB of heap to build, so one instance, restricted to the fields the
 * job stores, is shared by every task in the JVM; YAUAA synchronizes parsing internally and its
 * cache serves repeated user agents (the common case) without parsing again.
 */
public final class UserAgentClassifier {

    private static final int CACHE_SIZE = 20_000;

    private static final Set<String> BOT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");
    private static final Set<String> MOBILE_CLASSES = Set.of("Phone", "Mobile", "Watch", "Handheld Game Console");
    private static final Set<String> TABLET_CLASSES = Set.of("Tablet", "eReader");

    private static volatile UserAgentClassifier shared;

    private final UserAgentAnalyzer analyzer;

    private UserAgentClassifier() {
        analyzer = UserAgentAnalyzer.newBuilder()
                .withFields(UserAgent.DEVICE_CLASS, UserAgent.AGENT_NAME, UserAgent.AGENT_VERSION,
                        UserAgent.AGENT_CLASS, UserAgent.OPERATING_SYSTEM_NAME, UserAgent.OPERATING_SYSTEM_VERSION)
                .withCache(CACHE_SIZE)
                .hideMatcherLoadStats()
                .dropTests()
                .immediateInitialization()
                .build();
    }

    /** The JVM's instance, built on first use. */
    public static UserAgentClassifier shared() {
        UserAgentClassifier instance = shared;
        if (instance == null) {
            synchronized (UserAgentClassifier.class) {
                instance = shared;
                if (instance == null) {
                    instance = new UserAgentClassifier();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    public DeviceInfo classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return DeviceInfo.UNKNOWN;
        }
        UserAgent ua = analyzer.parse(userAgent);
        String deviceClass = ua.getValue(UserAgent.DEVICE_CLASS);
        String agentClass = ua.getValue(UserAgent.AGENT_CLASS);
        boolean bot = BOT_CLASSES.contains(deviceClass)
                || "Robot".equals(agentClass) || "Special".equals(agentClass) && looksAutomated(userAgent)
                || looksHeadless(userAgent);
        String deviceType;
        if (bot) {
            deviceType = "bot";
        } else if ("Desktop".equals(deviceClass)) {
            deviceType = "desktop";
        } else if (MOBILE_CLASSES.contains(deviceClass)) {
            deviceType = "mobile";
        } else if (TABLET_CLASSES.contains(deviceClass)) {
            deviceType = "tablet";
        } else {
            deviceType = "other";
        }
        return new DeviceInfo(
                known(ua.getValue(UserAgent.AGENT_NAME)),
                known(ua.getValue(UserAgent.AGENT_VERSION)),
                known(ua.getValue(UserAgent.OPERATING_SYSTEM_NAME)),
                known(ua.getValue(UserAgent.OPERATING_SYSTEM_VERSION)),
                deviceType,
                bot);
    }

    /** Headless browsers drive monitoring and scraping; real visitors do not run them. */
    private static boolean looksHeadless(String userAgent) {
        return userAgent.toLowerCase(Locale.ROOT).contains("headless");
    }

    private static boolean looksAutomated(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        return ua.contains("bot") || ua.contains("crawl") || ua.contains("spider");
    }

    /** YAUAA's placeholders for "could not tell" become absent fields. */
    private static String known(String value) {
        if (value == null || value.isBlank() || value.equals("Unknown") || value.equals("??")
                || value.startsWith("Unknown")) {
            return null;
        }
        return value;
    }
}
