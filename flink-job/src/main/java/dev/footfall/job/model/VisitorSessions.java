package dev.footfall.job.model;

/**
 * Everything the sessionizer keeps for one visitor besides its event references: the sessions
 * that are open or may still be reopened by a late event, ordered by start, and the one timer of
 * each kind that is registered for this key.
 */
public class VisitorSessions {
    public SessionState[] sessions = new SessionState[0];
    /** The registered event-time timer, or {@link SessionState#NONE}. */
    public long eventTimer = SessionState.NONE;
    /** The registered processing-time timer that writes changed sessions, or {@link SessionState#NONE}. */
    public long flushTimer = SessionState.NONE;

    public VisitorSessions() {
    }
}
