package dev.footfall.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSourcesTest {

    private static TrafficSource fromReferrer(String referrer) {
        return TrafficSources.classify(null, null, null, null, null, Map.of(), "shop.example", Url.parse(referrer));
    }

    private static TrafficSource fromPage(String pageUrl, String referrer) {
        Url page = Url.parse(pageUrl);
        return TrafficSources.classify(null, null, null, null, null, page.parameters(), page.host(),
                Url.parse(referrer));
    }

    @Test
    void shouldPreferTheSdksCampaignThenUtmParametersInThePageUrl() {
        assertThat(TrafficSources.classify("spring", "newsletter", "email", "shoes", "hero", Map.of("utm_source", "x"),
                "shop.example", Url.parse("https://www.google.com/")))
                .isEqualTo(new TrafficSource("newsletter", "email", "spring", "shoes", "hero"));
        assertThat(fromPage("https://shop.example/?utm_source=mastodon&utm_medium=social&utm_campaign=launch"
                + "&utm_term=t&utm_content=c", "https://www.google.com/"))
                .isEqualTo(new TrafficSource("mastodon", "social", "launch", "t", "c"));
    }

    @Test
    void shouldTakeAdClickIdsWithoutUtmAsPaid() {
        assertThat(fromPage("https://shop.example/?gclid=abc", null)).isEqualTo(new TrafficSource("google", "paid", null, null, null));
        assertThat(fromPage("https://shop.example/?msclkid=abc", null).source()).isEqualTo("bing");
        assertThat(fromPage("https://shop.example/?fbclid=abc", "https://l.facebook.com/").medium()).isEqualTo("paid");
    }

    @Test
    void shouldClassifyReferrersBySearchSocialEmailInternalAndReferral() {
        assertThat(fromReferrer("https://www.google.co.uk/search?q=x")).isEqualTo(new TrafficSource("google", "organic", null, null, null));
        assertThat(fromReferrer("https://duckduckgo.com/").source()).isEqualTo("duckduckgo");
        assertThat(fromReferrer("https://l.facebook.com/l.php?u=x")).isEqualTo(new TrafficSource("facebook", "social", null, null, null));
        assertThat(fromReferrer("https://t.co/abc").source()).isEqualTo("twitter");
        assertThat(fromReferrer("https://mail.google.com/mail/u/0/")).isEqualTo(new TrafficSource("email", "email", null, null, null));
        assertThat(fromReferrer("https://outlook.live.com/").medium()).isEqualTo("email");
        assertThat(fromReferrer("https://www.shop.example/cart")).isEqualTo(new TrafficSource("internal", "internal", null, null, null));
        assertThat(fromReferrer("https://blog.example.org/post")).isEqualTo(new TrafficSource("blog.example.org", "referral", null, null, null));
        assertThat(fromReferrer(null)).isEqualTo(TrafficSource.DIRECT);
    }

    @Test
    void shouldMatchWholeLabelsOnly() {
        assertThat(fromReferrer("https://notgoogle.com/").medium()).isEqualTo("referral");
        assertThat(fromReferrer("https://google.evil.example.com/").medium()).isEqualTo("referral");
        assertThat(TrafficSources.matches("google.*", "www.google.com.au")).isTrue();
    }
}
