package dev.footfall.local.faults;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a client sent and what the gateway told it, event by event: the client's side of the
 * books, to be held against what ends up indexed.
 */
final class EventLedger {

    private final Map<String, Boolean> sentIsPageView = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = new ConcurrentSkipListSet<>();
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong unavailableWithRetryAfter = new AtomicLong();
    private final AtomicLong noAnswer = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final Set<String> refusals = new ConcurrentSkipListSet<>();

    void sent(String messageId, boolean pageView) {
        sentIsPageView.put(messageId, pageView);
    }

    void answered(int status, boolean retryAfter, String body) {
        requests.incrementAndGet();
        if (status != 200) {
            // What a client was told, without the per-request detail: the distinct kinds of refusal.
            String said = body.replaceAll("\\s+", " ");
            refusals.add(status + (retryAfter ? " (Retry-After) " : " ") + said.substring(0, Math.min(said.length(), 60)));
        }
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status == 503 && retryAfter) {
            unavailableWithRetryAfter.incrementAndGet();
        }
    }

    /** Connection refused, reset, or no answer within the client's timeout. */
    void unanswered() {
        requests.incrementAndGet();
        noAnswer.incrementAndGet();
    }

    void acknowledged(Iterable<String> messageIds) {
        messageIds.forEach(acknowledged::add);
    }

    Set<String> sentIds() {
        return Set.copyOf(sentIsPageView.keySet());
    }

    Set<String> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    long acknowledgedPageViews() {
        return acknowledged.stream().filter(id -> sentIsPageView.getOrDefault(id, false)).count();
    }

    long answers(int status) {
        AtomicLong count = answers.get(status);
        return count == null ? 0 : count.get();
    }

    /** Requests that got anything but a 200: an error status or no answer at all. */
    long failedAttempts() {
        return requests.get() - answers(200);
    }

    long unavailableWithRetryAfter() {
        return unavailableWithRetryAfter.get();
    }

    long unansweredAttempts() {
        return noAnswer.get();
    }

    String summary() {
        return "requests " + requests.get() + ", answers " + answers + ", 503 with Retry-After "
                + unavailableWithRetryAfter.get() + ", no answer " + noAnswer.get() + "; events sent "
                + sentIsPageView.size() + ", acknowledged " + acknowledged.size() + " (page views "
                + acknowledgedPageViews() + "); refusals seen " + refusals;
    }
}
