package dev.footfall.tracker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.tracker.browser.RecordingCollector.Answer;
import dev.footfall.tracker.browser.RecordingCollector.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tracker in a real Chromium against the recording collector, with no gateway: every
 * backend-independent scenario, plus what only a raw view of the requests can show (the exact
 * request format, retries and their timing, batching, the queue bound, the cookie fallback).
 */
class RecordingCollectorBrowserITCase extends TrackerScenarios {

    private RecordingCollector collector;

    @Override
    protected TrackerBackend newBackend() {
        collector = RecordingCollector.start();
        return collector;
    }

    @Test
    void batchesAreSimpleCrossOriginPostsThatCarryTheWriteKey() {
        open("/format", TrackerPage.of(backend));
        awaitEvent(pageView("/format"));

        Request request = collector.batches().get(0);
        assertThat(request.header("Content-Type")).startsWith("text/plain");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Origin")).isEqualTo(site.origin());
        assertThat(collector.requests()).noneMatch(r -> r.method().equals("OPTIONS"));
        JsonNode body = request.json();
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("batch", "sentAt", "writeKey");
        assertThat(body.path("writeKey").asText()).isEqualTo(collector.writeKey());
        Instant sentAt = Instant.parse(body.path("sentAt").asText());
        assertThat(sentAt).isBetween(request.receivedAt().minusSeconds(5), request.receivedAt());
        JsonNode event = body.path("batch").get(0);
        assertThat(event.fieldNames()).toIterable().containsExactlyInAnyOrder(
                "type", "properties", "messageId", "timestamp", "sentAt", "anonymousId", "context");
        assertThat(event.path("sentAt").asText()).isEqualTo(body.path("sentAt").asText());
        assertThat(event.path("context").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "library", "page", "locale", "screen", "site");
    }

    @Test
    void a503And429AreRetriedAfterRetryAfterWithTheSameMessageIds() {
        collector.answerNext(Answer.retryAfter(503, 2), Answer.retryAfter(429, 1));
        open("/retry", TrackerPage.of(backend));
        awaitEvent(pageView("/retry"));

        List<Request> attempts = collector.batches();
        assertThat(attempts).extracting(Request::status).containsExactly(503, 429, 200);
        assertThat(attempts.get(1).messageIds()).isEqualTo(attempts.get(0).messageIds());
        assertThat(attempts.get(2).messageIds()).isEqualTo(attempts.get(0).messageIds());
        assertThat(Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(Duration.between(attempts.get(1).receivedAt(), attempts.get(2).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        JsonNode first = attempts.get(0).json().path("batch").get(0);
        JsonNode last = attempts.get(2).json().path("batch").get(0);
        assertThat(last.path("timestamp")).isEqualTo(first.path("timestamp"));
        assertThat(Instant.parse(last.path("sentAt").asText())).isAfter(Instant.parse(first.path("sentAt").asText()));
        assertEachDeliveredOnce();
    }

    @Test
    void eventsTrackedJustBeforeLeavingArriveOnceEvenWhenTheAnswerComesAfterThePageIsGone() {
        // A minute-long flush interval: only the keepalive request sent on leaving can deliver the
        // event, and the collector answers it only after the next page has loaded and flushed.
        open("/leave", TrackerPage.of(backend).option("flush-interval", "60000").option("auto-page", "false"));
        browser.js("footfall.track('Clicked away');");
        collector.answerNext(Answer.okAfter(Duration.ofSeconds(2)));

        browser.open(site.serve("/next", TrackerPage.of(backend).html()));
        awaitEvent(pageView("/next"));
        awaitEvent(named("Clicked away"));
        trackBarrier();
        assertThat(collector.batches().get(0).messageIds()).hasSize(1);
        assertEachDeliveredOnce();
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        collector.answerNext(Answer.status(400));
        open("/bad", TrackerPage.of(backend));
        await().atMost(DEADLINE).until(() -> !collector.batches().isEmpty());
        String rejected = collector.batches().get(0).messageIds().get(0);

        trackBarrier();
        assertThat(collector.batches()).filteredOn(batch -> batch.messageIds().contains(rejected)).hasSize(1);
        browser.waitFor("localStorage.footfall_queue === undefined", DEADLINE);
    }

    @Test
    void batchSizeAndFlushIntervalDecideWhenEventsLeave() {
        open("/batching", TrackerPage.of(backend).option("auto-page", "false")
                .option("batch-size", "3").option("flush-interval", "60000"));
        browser.js("for (const name of ['a', 'b', 'c', 'd']) footfall.track(name);");
        await().atMost(DEADLINE).until(() -> collector.batches().size() == 1);
        browser.js("footfall.track('e'); footfall.track('f');");
        await().atMost(DEADLINE).until(() -> collector.batches().size() == 2);
        assertThat(batchedNames()).containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"));

        open("/interval", TrackerPage.of(backend).option("auto-page", "false")
                .option("batch-size", "100").option("flush-interval", "300"));
        browser.js("footfall.track('x'); footfall.track('y');");
        await().atMost(DEADLINE).until(() -> collector.batches().size() == 3);
        assertThat(batchedNames().get(2)).containsExactly("x", "y");
    }

    @Test
    void theQueueKeepsTheNewestHundredEventsAndSendsThemInBatches() {
        open("/flood", TrackerPage.of(backend).option("auto-page", "false"));
        collector.startOutage();
        browser.js("for (let i = 0; i < 150; i++) footfall.track('e' + i);");
        await().atMost(DEADLINE).until(() -> collector.refusals() >= 1);
        List<String> queued = queuedEventNames();
        assertThat(queued).hasSize(100);
        assertThat(queued.get(0)).isEqualTo("e50");

        collector.endOutage();
        await().atMost(DEADLINE).until(() -> backend.acceptedEvents().size() == 100);
        assertThat(backend.acceptedEvents()).extracting(event -> event.path("event").asText())
                .containsExactlyElementsOf(queued);
        assertThat(collector.batches()).filteredOn(Request::accepted).allMatch(batch -> batch.messageIds().size() <= 10);
        assertEachDeliveredOnce();
    }

    @Test
    void theAnonymousIdFallsBackToACookieWithoutLocalStorage() {
        String noStorage = "<script>Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});</script>";
        String url = open("/no-storage", TrackerPage.of(backend).head(noStorage));
        String anonymousId = awaitEvent(pageView("/no-storage")).path("anonymousId").asText();
        assertThat(anonymousId).matches(UUID_V4);
        assertThat((String) browser.js("return document.cookie")).contains("footfall_id=" + anonymousId);

        browser.open(url);
        browser.waitFor("window.footfall && footfall.version", DEADLINE);
        await().atMost(DEADLINE).until(() -> events(pageView("/no-storage")).size() == 2);
        assertThat(events(pageView("/no-storage"))).allMatch(event -> event.path("anonymousId").asText().equals(anonymousId));
    }

    @Test
    void sendsBesideTheScriptToAPathInDataHostOrToDataApi() {
        // A first-party proxy serves the script as /stats/p.js: events go to /stats/v1/batch.
        open("/beside", TrackerPage.of(backend).withoutHost().scriptUrl(collector.origin() + "/stats/p.js"));
        awaitPost("/stats/v1/batch");
        // data-host with the gateway's path prefix, with or without a trailing slash.
        open("/host-path", TrackerPage.of(backend).option("host", collector.origin() + "/collect"));
        awaitPost("/collect/v1/batch");
        open("/host-path-slash", TrackerPage.of(backend).option("host", collector.origin() + "/collect2/"));
        awaitPost("/collect2/v1/batch");
        // data-api names the endpoint itself, resolved against data-host.
        open("/api", TrackerPage.of(backend).option("api", "/e/batch"));
        awaitPost("/e/batch");
        // Without any of them, a script at the root sends to /v1/batch, as it always did.
        open("/plain", TrackerPage.of(backend).withoutHost());
        awaitEvent(pageView("/plain"));
        assertThat(collector.requests()).filteredOn(r -> r.method().equals("POST"))
                .extracting(Request::path).containsExactly("/stats/v1/batch", "/collect/v1/batch", "/collect2/v1/batch",
                        "/e/batch", "/v1/batch");
    }

    private void awaitPost(String path) {
        await().atMost(DEADLINE).until(() -> collector.requests().stream()
                .anyMatch(r -> r.method().equals("POST") && r.path().equals(path)));
    }

    @Test
    void aSecondCopyOfTheScriptChangesNothing() {
        open("/twice", TrackerPage.of(backend).body("<script src='" + collector.scriptUrl() + "' data-host='"
                + collector.host() + "' data-write-key='" + collector.writeKey() + "'></script>"));
        trackBarrier();
        assertThat(events(pageView("/twice"))).hasSize(1);
    }

    private List<List<String>> batchedNames() {
        List<List<String>> names = new ArrayList<>();
        for (Request batch : collector.batches()) {
            List<String> inBatch = new ArrayList<>();
            batch.json().path("batch").forEach(event -> inBatch.add(event.path("event").asText()));
            names.add(inBatch);
        }
        return names;
    }
}
