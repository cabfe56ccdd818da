package dev.footfall.gateway.ingest;

import dev.footfall.event.Rejection;

/** One event of a request that was refused, by its position in the request. */
public record RejectedEvent(int index, Rejection rejection) {
}
