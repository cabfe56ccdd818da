package dev.footfall.job.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies a visit's source and medium: UTM parameters first (the SDK's {@code context.campaign},
 * else {@code utm_*} in the page URL), then ad click ids, then the referrer's host against lists
 * of search engines, social networks and webmail hosts. Host lists match on whole labels, so
 * {@code google.co.uk} is Google but {@code notgoogle.com} is not.
 */
public final class TrafficSources {

    /** (source name, host patterns): a pattern is a domain suffix, or {@code name.*} for any TLD. */
    private record Known(String name, List<String> patterns) {
    }

    private static final List<Known> WEBMAIL = List.of(
            new Known("email", List.of("mail.google.com", "inbox.google.com", "outlook.live.com",
                    "outlook.office.com", "outlook.office365.com", "mail.yahoo.com", "mail.yandex.*",
                    "mail.proton.me", "mail.aol.com", "mail.zoho.com", "webmail.*", "mail.*")));

    private static final List<Known> SEARCH = List.of(
            new Known("google", List.of("google.*")),
            new Known("bing", List.of("bing.com", "cn.bing.com")),
            new Known("duckduckgo", List.of("duckduckgo.com")),
            new Known("yahoo", List.of("search.yahoo.com", "yahoo.*")),
            new Known("yandex", List.of("yandex.*", "ya.ru")),
            new Known("baidu", List.of("baidu.com")),
            new Known("ecosia", List.of("ecosia.org")),
            new Known("brave", List.of("search.brave.com")),
            new Known("qwant", List.of("qwant.com")),
            new Known("startpage", List.of("startpage.com")),
            new Known("naver", List.of("naver.com")),
            new Known("seznam", List.of("seznam.cz")),
            new Known("ask", List.of("ask.com")),
            new Known("aol", List.of("search.aol.com", "aol.*")),
            new Known("sogou", List.of("sogou.com")),
            new Known("kagi", List.of("kagi.com")),
            new Known("perplexity", List.of("perplexity.ai")),
            new Known("chatgpt", List.of("chatgpt.com", "chat.openai.com")));

    private static final List<Known> SOCIAL = List.of(
            new Known("facebook", List.of("facebook.com", "fb.com", "fb.me", "messenger.com")),
            new Known("instagram", List.of("instagram.com")),
            new Known("twitter", List.of("twitter.com", "t.co", "x.com")),
            new Known("linkedin", List.of("linkedin.com", "lnkd.in")),
            new Known("reddit", List.of("reddit.com")),
            new Known("pinterest", List.of("pinterest.*", "pin.it")),
            new Known("youtube", List.of("youtube.com", "youtu.be")),
            new Known("tiktok", List.of("tiktok.com")),
            new Known("threads", List.of("threads.net")),
            new Known("bluesky", List.of("bsky.app")),
            new Known("mastodon", List.of("mastodon.social", "mastodon.online")),
            new Known("hacker news", List.of("news.ycombinator.com")),
            new Known("vkontakte", List.of("vk.com")),
            new Known("telegram", List.of("t.me", "telegram.org")),
            new Known("whatsapp", List.of("whatsapp.com", "wa.me")),
            new Known("tumblr", List.of("tumblr.com")),
            new Known("quora", List.of("quora.com")));

    private TrafficSources() {
    }

    /**
     * @param campaign the SDK's {@code context.campaign} values (any may be null)
     * @param page the page URL, for its {@code utm_*} parameters and click ids, and its host
     * @param referrer the referrer URL, or null
     */
    public static TrafficSource classify(String campaignName, String campaignSource, String campaignMedium,
            String campaignTerm, String campaignContent, Map<String, String> pageParameters, String pageHost,
            Url referrer) {
        if (campaignSource != null || campaignMedium != null || campaignName != null) {
            return new TrafficSource(campaignSource, campaignMedium, campaignName, campaignTerm, campaignContent);
        }
        String utmSource = blankToNull(pageParameters.get("utm_source"));
        String utmMedium = blankToNull(pageParameters.get("utm_medium"));
        String utmCampaign = blankToNull(pageParameters.get("utm_campaign"));
        if (utmSource != null || utmMedium != null || utmCampaign != null) {
            return new TrafficSource(utmSource, utmMedium, utmCampaign, blankToNull(pageParameters.get("utm_term")),
                    blankToNull(pageParameters.get("utm_content")));
        }
        if (pageParameters.containsKey("gclid") || pageParameters.containsKey("gbraid")
                || pageParameters.containsKey("wbraid")) {
            return new TrafficSource("google", "paid", null, null, null);
        }
        if (pageParameters.containsKey("msclkid")) {
            return new TrafficSource("bing", "paid", null, null, null);
        }
        if (pageParameters.containsKey("fbclid")) {
            return new TrafficSource("facebook", "paid", null, null, null);
        }
        String host = referrer == null ? null : stripWww(referrer.host());
        if (host == null) {
            return TrafficSource.DIRECT;
        }
        if (pageHost != null && host.equals(stripWww(pageHost))) {
            return new TrafficSource("internal", "internal", null, null, null);
        }
        String name = match(WEBMAIL, host);
        if (name != null) {
            return new TrafficSource("email", "email", null, null, null);
        }
        name = match(SEARCH, host);
        if (name != null) {
            return new TrafficSource(name, "organic", null, null, null);
        }
        name = match(SOCIAL, host);
        if (name != null) {
            return new TrafficSource(name, "social", null, null, null);
        }
        return new TrafficSource(host, "referral", null, null, null);
    }

    private static String match(List<Known> known, String host) {
        for (Known k : known) {
            for (String pattern : k.patterns()) {
                if (matches(pattern, host)) {
                    return k.name();
                }
            }
        }
        return null;
    }

    /**
     * {@code a.b} matches {@code a.b} and any subdomain of it; {@code a.*} matches a host whose
     * labels contain {@code a} followed only by a short public suffix ({@code a.com},
     * {@code www.a.co.uk}, {@code a.de}); {@code mail.*} matches a host starting with {@code mail.}.
     */
    static boolean matches(String pattern, String host) {
        if (pattern.endsWith(".*")) {
            String label = pattern.substring(0, pattern.length() - 2);
            if (label.contains(".")) {
                return host.startsWith(label + ".") || host.contains("." + label + ".");
            }
            if (label.equals("mail") || label.equals("webmail")) {
                return host.startsWith(label + ".");
            }
            String[] labels = host.split("\\.");
            for (int i = 0; i < labels.length - 1; i++) {
                if (labels[i].equals(label)) {
                    int suffixLabels = labels.length - i - 1;
                    return suffixLabels == 1 || (suffixLabels == 2 && labels[labels.length - 2].length() <= 3);
                }
            }
            return false;
        }
        return host.equals(pattern) || host.endsWith("." + pattern);
    }

    private static String stripWww(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("www.") ? h.substring(4) : h;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
