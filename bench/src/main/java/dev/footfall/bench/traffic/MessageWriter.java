package dev.footfall.bench.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes synthetic events as JSON, the way the tracker sends them (a Segment message) and the
 * way the gateway writes them to the raw topic (the message plus its envelope). Reuses one
 * buffer; not thread-safe.
 */
public final class MessageWriter {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** A /24 network, as the gateway truncates client addresses (TEST-NET-3). */
    static final String CLIENT_NETWORK = "203.0.113.0";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    /** A client's message, as posted to the gateway; {@code withType} for batch elements. */
    public byte[] client(SyntheticEvent e, boolean withType) {
        return write(e, withType, null);
    }

    /** A raw-topic record's value: the message plus {@code receivedAt}, {@code siteId}, {@code clientAddress}. */
    public byte[] raw(SyntheticEvent e, Instant receivedAt) {
        return write(e, true, receivedAt);
    }

    /** A batch body of the tracker's shape: {@code {"batch":[...],"sentAt":...}}. */
    public byte[] batch(Iterable<SyntheticEvent> events, Instant sentAt) {
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeArrayFieldStart("batch");
            for (SyntheticEvent e : events) {
                writeMessage(g, e, true, null);
            }
            g.writeEndArray();
            g.writeStringField("sentAt", sentAt.toString());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return buffer.toByteArray();
    }

    private byte[] write(SyntheticEvent e, boolean withType, Instant receivedAt) {
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
            writeMessage(g, e, withType, receivedAt);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return buffer.toByteArray();
    }

    private static void writeMessage(JsonGenerator g, SyntheticEvent e, boolean withType, Instant receivedAt)
            throws IOException {
        g.writeStartObject();
        if (withType) {
            g.writeStringField("type", e.type());
        }
        if (e.eventName() != null) {
            g.writeStringField("event", e.eventName());
        }
        g.writeStringField("messageId", e.messageId());
        g.writeStringField("anonymousId", e.anonymousId());
        if (e.userId() != null) {
            g.writeStringField("userId", e.userId());
        }
        g.writeStringField("timestamp", e.timestamp().toString());
        if (!e.isPage()) {
            g.writeObjectFieldStart("properties");
            g.writeStringField("plan", e.plan());
            g.writeNumberField("value", e.messageId().charAt(0) % 50);
            g.writeStringField("label", e.pageTitle());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("context");
        g.writeObjectFieldStart("library");
        g.writeStringField("name", "footfall.js");
        g.writeStringField("version", "0.1.0");
        g.writeEndObject();
        g.writeObjectFieldStart("page");
        g.writeStringField("url", e.pageUrl());
        g.writeStringField("path", e.pagePath());
        g.writeStringField("title", e.pageTitle());
        if (e.referrer() != null) {
            g.writeStringField("referrer", e.referrer());
        }
        g.writeEndObject();
        if (e.campaign() >= 0) {
            g.writeObjectFieldStart("campaign");
            g.writeStringField("name", Catalog.CAMPAIGNS.get(e.campaign()));
            g.writeStringField("source", Catalog.CAMPAIGN_SOURCES.get(e.campaign()));
            g.writeStringField("medium", Catalog.CAMPAIGN_MEDIA.get(e.campaign()));
            g.writeEndObject();
        }
        g.writeStringField("locale", e.locale());
        g.writeObjectFieldStart("screen");
        g.writeNumberField("width", 1280);
        g.writeNumberField("height", 800);
        g.writeEndObject();
        g.writeStringField("userAgent", e.userAgent());
        g.writeEndObject();
        if (receivedAt != null) {
            g.writeStringField("receivedAt", receivedAt.toString());
            g.writeStringField("siteId", e.site().id());
            g.writeStringField("clientAddress", CLIENT_NETWORK);
        }
        g.writeEndObject();
    }
}
