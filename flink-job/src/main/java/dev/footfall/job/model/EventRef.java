package dev.footfall.job.model;

/**
 * Where an indexed event document points: the session it was last written with and its event
 * time (which names its daily index). Kept so a session merge can repoint the event documents of
 * the session it absorbs.
 */
public record EventRef(String sessionId, long eventTime) {
}
