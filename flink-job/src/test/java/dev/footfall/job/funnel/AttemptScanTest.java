package dev.footfall.job.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.model.FunnelTimeline;
import dev.footfall.job.model.FunnelVisitor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attempt rules of docs/funnels.md on hand-made timelines of a three-step funnel (bits: 1 =
 * step 1, 2 = step 2, 4 = step 3), times in minutes, window 30 minutes.
 */
class AttemptScanTest {

    private static final long MIN = 60_000;
    private static final long WINDOW = 30 * MIN;

    private final FunnelTimeline timeline = new FunnelTimeline();
    private final FunnelVisitor activity = new FunnelVisitor();

    /** An event matching {@code steps} at {@code minute}; also in the visitor's activity. */
    private void event(int minute, int steps) {
        timeline.insert(minute * MIN, minute, steps, null);
        activity.addActivity(minute * MIN, minute);
    }

    /** A page view or custom event that matches no step. */
    private void other(int minute) {
        activity.addActivity(minute * MIN, minute);
    }

    private List<String> ordered() {
        return describe(AttemptScan.scan(timeline, activity, 3, WINDOW, false));
    }

    private List<String> strict() {
        return describe(AttemptScan.scan(timeline, activity, 3, WINDOW, true));
    }

    private static List<String> describe(List<Attempt> attempts) {
        return attempts.stream().map(a -> {
            StringBuilder text = new StringBuilder();
            for (long t : a.stepTimes()) {
                text.append(text.isEmpty() ? "" : ",").append(t / MIN);
            }
            return text + (a.completed() ? " done" : "");
        }).toList();
    }

    @Test
    void shouldTakeTheFirstMatchOfEachNextStepAndCloseWhenComplete() {
        event(0, 1);
        event(2, 2);
        event(3, 2);
        event(5, 4);
        event(6, 1);
        assertThat(ordered()).containsExactly("0,2,5 done", "6");
    }

    @Test
    void shouldPassOverARepeatedStepOneInOrderedButRestartAtItInStrict() {
        event(0, 1);
        event(10, 1);
        event(12, 2);
        assertThat(ordered()).containsExactly("0,12");
        assertThat(strict()).containsExactly("0", "10,12");
    }

    @Test
    void shouldCloseAnAttemptAtTheEndOfItsWindowAndLetTheLateEventOpenTheNext() {
        event(0, 1);
        event(30, 2); // exactly the window: still in
        event(31, 4 | 1); // one past: the first attempt ends at step 2, this one opens the next
        assertThat(ordered()).containsExactly("0,30", "31");
    }

    @Test
    void shouldLetAnEventThatIsTheNextStepAndStepOneCountAsTheNextStep() {
        event(0, 1);
        event(1, 1 | 2);
        assertThat(ordered()).containsExactly("0,1");
    }

    @Test
    void shouldBreakAStrictAttemptAtAnyOtherPageViewOrEvent() {
        event(0, 1);
        other(1);
        event(2, 2);
        event(3, 4);
        assertThat(strict()).containsExactly("0");
        assertThat(ordered()).containsExactly("0,2,3 done");
    }

    @Test
    void shouldReadEventsInTimeOrderWhateverTheirArrival() {
        event(5, 4);
        event(2, 2);
        event(0, 1);
        assertThat(ordered()).containsExactly("0,2,5 done");
    }

    @Test
    void shouldOrderEventsOfTheSameMillisecondByTheirIdHash() {
        timeline.insert(0, 7, 1, null);
        timeline.insert(0, 3, 2, null); // same time, smaller id: first, so it cannot be step 2
        assertThat(describe(AttemptScan.scan(timeline, activity, 3, WINDOW, false))).containsExactly("0");
    }

    @Test
    void shouldSettleWhatNoEventAtOrAfterTheHorizonCanChange() {
        event(0, 1); // attempt 1: step 1 at 0, ends with its window at 30
        event(5, 1); // inside attempt 1, passed over
        event(40, 2); // outside any attempt
        event(50, 1); // attempt 2, open until 80
        List<Attempt> attempts = AttemptScan.scan(timeline, activity, 3, WINDOW, false);

        assertThat(AttemptScan.settledPrefix(timeline, attempts, 30 * MIN)).as("attempt 1 may still change").isZero();
        assertThat(AttemptScan.settledPrefix(timeline, attempts, 30 * MIN + 1)).as("attempt 1 settled").isEqualTo(2);
        assertThat(AttemptScan.settledPrefix(timeline, attempts, 45 * MIN)).as("the lone step 2 too").isEqualTo(3);
        assertThat(AttemptScan.settledPrefix(timeline, attempts, 81 * MIN)).as("everything").isEqualTo(4);
    }

    @Test
    void shouldGiveTheSameLaterAttemptsAfterTheSettledOnesAreForgotten() {
        event(0, 1);
        event(2, 2);
        event(40, 1);
        event(45, 2);
        event(50, 4);
        List<Attempt> before = AttemptScan.scan(timeline, activity, 3, WINDOW, false);
        int settled = AttemptScan.settledPrefix(timeline, before, 31 * MIN);
        timeline.dropFirst(settled);
        activity.dropActivityBefore(timeline.times[0], timeline.ids[0]);

        assertThat(settled).isEqualTo(2);
        assertThat(ordered()).containsExactly("40,45,50 done");
        assertThat(strict()).containsExactly("40,45,50 done");
    }
}
