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
        assertThat(MediaTypes.problem("application/json")).isNull();
        assertThat(MediaTypes.problem("Application/JSON; charset=utf-8")).isNull();
        assertThat(MediaTypes.problem("text/plain;charset=UTF-8")).isNull();
        assertThat(MediaTypes.problem(null)).isNull();
        assertThat(MediaTypes.problem("application/x-www-form-urlencoded")).contains("application/x-www-form-urlencoded");
        assertThat(MediaTypes.problem("application/jsonp")).isNotNull();
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
