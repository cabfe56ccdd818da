package dev.footfall.bench.traffic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What synthetic traffic is made of: real-world user agents (desktop, mobile, tablet, crawlers,
 * scripts) in rough market proportions, referrers (search, social, email, other sites, none),
 * campaigns, pages and custom events. A small set of user agents repeats, as on a real site.
 */
final class Catalog {

    record Weighted<T>(T value, int weight) {
    }

    static final List<Weighted<String>> USER_AGENTS = List.of(
            new Weighted<>("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", 30),
            new Weighted<>("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", 8),
            new Weighted<>("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0", 4),
            new Weighted<>("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", 4),
            new Weighted<>("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15", 6),
            new Weighted<>("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80", 5),
            new Weighted<>("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", 2),
            new Weighted<>("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", 18),
            new Weighted<>("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", 14),
            new Weighted<>("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36", 3),
            new Weighted<>("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", 3),
            new Weighted<>("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 1),
            new Weighted<>("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 1),
            new Weighted<>("curl/8.5.0", 1));

    static final List<Weighted<String>> REFERRERS = List.of(
            new Weighted<>(null, 35),
            new Weighted<>("https://www.google.com/", 30),
            new Weighted<>("https://www.bing.com/", 4),
            new Weighted<>("https://duckduckgo.com/", 3),
            new Weighted<>("https://t.co/abc123", 4),
            new Weighted<>("https://www.facebook.com/", 5),
            new Weighted<>("https://www.linkedin.com/feed/", 2),
            new Weighted<>("https://mail.google.com/", 2),
            new Weighted<>("https://news.ycombinator.com/item?id=4242", 3),
            new Weighted<>("https://blog.example.org/2024/05/a-post", 7),
            new Weighted<>("https://forum.example.net/t/thread/77", 5));

    static final List<String> CAMPAIGNS = List.of("spring-sale", "newsletter-42", "retargeting", "launch");
    static final List<String> CAMPAIGN_SOURCES = List.of("newsletter", "google", "facebook", "partner");
    static final List<String> CAMPAIGN_MEDIA = List.of("email", "cpc", "social", "referral");

    static final List<String> SECTIONS = List.of("products", "blog", "docs", "pricing", "about", "help", "careers", "news");
    static final List<String> EVENT_NAMES = List.of("Signed Up", "Added to Cart", "Clicked CTA", "Played Video",
            "Downloaded File", "Searched", "Submitted Form", "Scrolled");
    static final List<String> LOCALES = List.of("en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "nl-NL", "pt-BR", "ja-JP");
    static final List<String> PLANS = List.of("free", "pro", "team", "enterprise");

    private Catalog() {
    }

    static <T> T pickWeighted(List<Weighted<T>> items, SplittableRandom random) {
        int total = 0;
        for (Weighted<T> item : items) {
            total += item.weight();
        }
        int r = random.nextInt(total);
        for (Weighted<T> item : items) {
            r -= item.weight();
            if (r < 0) {
                return item.value();
            }
        }
        return items.get(items.size() - 1).value();
    }

    static <T> T pick(List<T> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }

    /** A stable user agent per visitor: a visitor does not change browsers between events. */
    static String userAgentOf(long visitor) {
        SplittableRandom random = new SplittableRandom(visitor * 0x9E3779B97F4A7C15L);
        return pickWeighted(USER_AGENTS, random);
    }
}
