package dev.footfall.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HeaderParsingTest {

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadTheWriteKeyAsSegmentSendsIt() {
        assertThat(WriteKeys.fromAuthorization(basic("wk_123:"))).isEqualTo("wk_123");
        assertThat(WriteKeys.fromAuthorization(basic("wk_123"))).isEqualTo("wk_123");
        assertThat(WriteKeys.fromAuthorization(basic("wk_123:ignored"))).isEqualTo("wk_123");
        assertThat(WriteKeys.fromAuthorization("basic " + basic("k:").substring(6))).isEqualTo("k");
        assertThat(WriteKeys.fromAuthorization(basic(":password"))).isNull();
        assertThat(WriteKeys.fromAuthorization("Bearer abc")).isNull();
        assertThat(WriteKeys.fromAuthorization("Basic !!!")).isNull();
        assertThat(WriteKeys.fromAuthorization(null)).isNull();
    }

    @Test
    void shouldNameWhatIsWrongWithAnUnusableAuthorizationHeader() {
        assertThat(WriteKeys.problem(null)).as("no header: nothing wrong").isNull();
        assertThat(WriteKeys.problem(basic("wk_123:"))).isNull();
        assertThat(WriteKeys.problem("BASIC " + basic("wk_123:").substring(6))).isNull();
        assertThat(WriteKeys.problem(basic(":wk_123"))).contains("user name is empty");
        assertThat(WriteKeys.problem(basic(":"))).contains("user name is empty");
        assertThat(WriteKeys.problem("Basic !!!")).contains("Base64");
        assertThat(WriteKeys.problem("Basic")).contains("HTTP Basic");
        assertThat(WriteKeys.problem("Bearer abc")).contains("HTTP Basic");
        assertThat(WriteKeys.fromAuthorization(basic(" wk_123 :"))).as("taken exactly, not trimmed").isEqualTo(" wk_123 ");
    }

    @Test
    void shouldAcceptJsonAndTextPlainOnly() {
        assertThat(MediaTypes.problem("application/json", false)).isNull();
        assertThat(MediaTypes.problem("Application/JSON; charset=utf-8", false)).isNull();
        assertThat(MediaTypes.problem("text/plain;charset=UTF-8", false)).isNull();
        assertThat(MediaTypes.problem(null, false)).isNull();
        assertThat(MediaTypes.problem("application/x-www-form-urlencoded", false)).contains("application/x-www-form-urlencoded");
        assertThat(MediaTypes.problem("application/jsonp", false)).isNotNull();
    }

    @Test
    void shouldTakeTheFormLabelOnlyOnAGzipBodyAsRudderStacksNodeSdkSendsIt() {
        assertThat(MediaTypes.problem("application/x-www-form-urlencoded", true)).isNull();
        assertThat(MediaTypes.problem("Application/X-WWW-Form-Urlencoded;charset=utf-8", true)).isNull();
        assertThat(MediaTypes.problem("multipart/form-data; boundary=x", true)).as("only that label").isNotNull();
        assertThat(MediaTypes.problem("application/xml", true)).isNotNull();
    }

    @Test
    void shouldReadTheWriteKeyOfTheQueryStringAsRudderStacksBeaconSendsIt() {
        assertThat(WriteKeys.fromQuery(null)).isEqualTo(WriteKeys.QueryKey.NONE);
        assertThat(WriteKeys.fromQuery("")).isEqualTo(WriteKeys.QueryKey.NONE);
        assertThat(WriteKeys.fromQuery("writeKey=wk_123").key()).isEqualTo("wk_123");
        assertThat(WriteKeys.fromQuery("a=1&writeKey=wk_123&b=2").key()).isEqualTo("wk_123");
        assertThat(WriteKeys.fromQuery("other=1")).isEqualTo(WriteKeys.QueryKey.NONE);
        // The query string's own encoding is undone (as Base64 is for Basic), nothing more.
        assertThat(WriteKeys.fromQuery("writeKey=wk%5F123").key()).isEqualTo("wk_123");
        assertThat(WriteKeys.fromQuery("write%4Bey=wk_123").key()).as("an encoded name is the same name").isEqualTo("wk_123");
        assertThat(WriteKeys.fromQuery("writeKey=").key()).as("empty: a key no site has, not a missing one").isEmpty();
        assertThat(WriteKeys.fromQuery("writeKey").key()).isEmpty();
        assertThat(WriteKeys.fromQuery("writeKey=%20wk_123").key()).as("not trimmed").isEqualTo(" wk_123");
        assertThat(WriteKeys.fromQuery("writekey=wk_123")).as("names are case-sensitive").isEqualTo(WriteKeys.QueryKey.NONE);
    }

    @Test
    void shouldRefuseAQueryStringWhoseWriteKeyCannotBeReadUnambiguously() {
        assertThat(WriteKeys.fromQuery("writeKey=a&writeKey=a").problem()).contains("more than one writeKey");
        assertThat(WriteKeys.fromQuery("writeKey=a&writeKey=b").problem()).contains("more than one writeKey");
        assertThat(WriteKeys.fromQuery("writeKey=%ZZ").problem()).contains("percent-encoded");
        assertThat(WriteKeys.fromQuery("writeKey=%C3").problem()).as("a cut UTF-8 sequence").contains("percent-encoded");
        assertThat(WriteKeys.fromQuery("writeKey=%FF").problem()).contains("percent-encoded");
    }

    @Test
    void shouldHonourGzipInAcceptEncodingUnlessRefused() {
        assertThat(TrackerScriptHandler.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(TrackerScriptHandler.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(TrackerScriptHandler.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(TrackerScriptHandler.acceptsGzip("*")).isTrue();
        assertThat(TrackerScriptHandler.acceptsGzip("identity")).isFalse();
        assertThat(TrackerScriptHandler.acceptsGzip("gzip;q=nonsense")).isTrue();
        assertThat(TrackerScriptHandler.acceptsGzip(null)).isFalse();
    }
}
