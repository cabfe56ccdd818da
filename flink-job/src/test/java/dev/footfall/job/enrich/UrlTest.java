package dev.footfall.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlTest {

    @Test
    void shouldNeverKeepQueryStringsFragmentsOrCredentials() {
        Url url = Url.parse("https://ann:secret@Shop.Example:8443/checkout/done?email=ann%40example.com&token=x#receipt");
        assertThat(url.withoutQuery()).isEqualTo("https://shop.example:8443/checkout/done");
        assertThat(url.host()).isEqualTo("shop.example");
        assertThat(url.path()).isEqualTo("/checkout/done");
        assertThat(url.parameters()).containsEntry("email", "ann@example.com").containsEntry("token", "x");
    }

    @Test
    void shouldGiveAHostWithoutPathTheRootPath() {
        assertThat(Url.parse("https://shop.example").withoutQuery()).isEqualTo("https://shop.example/");
        assertThat(Url.parse("https://shop.example?utm_source=x").path()).isEqualTo("/");
    }

    @Test
    void shouldReadWhatBrowsersSendEvenWhenUriWouldRefuseIt() {
        Url url = Url.parse("https://shop.example/über uns/%zz?q=100%");
        assertThat(url.path()).isEqualTo("/über uns/%zz");
        assertThat(url.parameters()).containsEntry("q", "100%");
        assertThat(Url.parse("/relative/path?x=1").withoutQuery()).isEqualTo("/relative/path");
        assertThat(Url.parse("//cdn.example/a").host()).isEqualTo("cdn.example");
        assertThat(Url.parse("   ")).isNull();
        assertThat(Url.parse(null)).isNull();
    }

    @Test
    void shouldKeepTheFirstOfRepeatedParameters() {
        assertThat(Url.parameters("?a=1&a=2&b")).isEqualTo(Map.of("a", "1", "b", ""));
    }
}
