package dev.footfall.bench.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The sites synthetic traffic belongs to, with their write keys and shares of the traffic. */
public final class BenchSites {

    public record BenchSite(String id, String host, String writeKey, int weight) {

        /** HTTP Basic credentials: the write key as user name, an empty password (Segment's convention). */
        public String basicAuthorization() {
            return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final List<BenchSite> ALL = List.of(
            new BenchSite("bench-shop", "shop.example.com", "wk_bench_shop_0123456789", 60),
            new BenchSite("bench-blog", "blog.example.com", "wk_bench_blog_0123456789", 30),
            new BenchSite("bench-docs", "docs.example.com", "wk_bench_docs_0123456789", 10));

    /** The one site of the history benchmark: not among {@link #ALL}, which the gateway and job benchmarks share. */
    public static final BenchSite HISTORY = new BenchSite("bench-history", "www.example.com",
            "wk_bench_history_0123456789", 1);

    private BenchSites() {
    }

    public static BenchSite first() {
        return ALL.get(0);
    }

    /** The gateway's sites file for these sites: {@code {"sites":[...]}}. */
    public static String sitesJson() {
        StringBuilder json = new StringBuilder("{\"sites\":[");
        for (int i = 0; i < ALL.size(); i++) {
            BenchSite site = ALL.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(site.id()).append("\",\"writeKeys\":[\"").append(site.writeKey())
                    .append("\"],\"allowedOrigins\":[\"https://").append(site.host()).append("\"]}");
        }
        return json.append("]}").toString();
    }
}
