package dev.footfall.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.RawEvents;
import org.junit.jupiter.api.Test;

class UserAgentClassifierTest {

    private final UserAgentClassifier classifier = UserAgentClassifier.shared();

    @Test
    void shouldReadBrowserOsAndDeviceOfADesktopBrowser() {
        assertThat(classifier.classify(RawEvents.FIREFOX_MAC))
                .isEqualTo(new DeviceInfo("Firefox", "125.0", "Mac OS", ">=10.15.7", "desktop", false));
    }

    @Test
    void shouldTellPhonesFromTablets() {
        assertThat(classifier.classify(RawEvents.SAFARI_IPHONE))
                .isEqualTo(new DeviceInfo("Safari", "17.4", "iOS", "17.4", "mobile", false));
        assertThat(classifier.classify("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1").deviceType()).isEqualTo("tablet");
        assertThat(classifier.classify("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36").deviceType()).isEqualTo("mobile");
    }

    @Test
    void shouldFlagCrawlersScriptsAndHeadlessBrowsersAsBots() {
        assertThat(classifier.classify(RawEvents.GOOGLEBOT)).satisfies(d -> {
            assertThat(d.bot()).isTrue();
            assertThat(d.deviceType()).isEqualTo("bot");
            assertThat(d.browser()).isEqualTo("Googlebot");
        });
        assertThat(classifier.classify("curl/8.5.0").bot()).isTrue();
        assertThat(classifier.classify("python-requests/2.31.0").bot()).isTrue();
        assertThat(classifier.classify("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "HeadlessChrome/124.0.0.0 Safari/537.36").bot()).isTrue();
    }

    @Test
    void shouldLeaveEventsWithoutAUserAgentUnknownAndNotABot() {
        assertThat(classifier.classify(null)).isEqualTo(DeviceInfo.UNKNOWN);
        assertThat(classifier.classify("  ")).isEqualTo(DeviceInfo.UNKNOWN);
    }
}
