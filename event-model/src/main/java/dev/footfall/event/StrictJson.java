package dev.footfall.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON reader and writer of the project. Strict where leniency would hide a problem:
 * duplicate keys, trailing garbage, invalid UTF-8 and escaped lone surrogates are errors; nesting is capped so hostile
 * input cannot exhaust the stack. Parsing never throws: it returns a reasoned {@link Outcome}.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder()
                            .streamReadConstraints(StreamReadConstraints.builder()
                                    .maxNestingDepth(Limits.PARSER_MAX_NESTING)
                                    .maxNumberLength(100)
                                    .build())
                            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** The shared mapper, for writing and for building nodes. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a whole document; every failure becomes a rejection naming the problem. */
    public static Outcome<JsonNode> parse(byte[] bytes) {
        return parse(bytes, 0, bytes == null ? 0 : bytes.length);
    }

    public static Outcome<JsonNode> parse(byte[] bytes, int offset, int length) {
        if (bytes == null || isBlank(bytes, offset, length)) {
            return Outcome.rejected(ReasonCode.EMPTY_BODY, "the body is empty");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes, offset, length);
            if (node == null || node.isMissingNode()) {
                return Outcome.rejected(ReasonCode.EMPTY_BODY, "the body is empty");
            }
            if (!Utf8.isValid(bytes, offset, length)) {
                // What the parser let through: overlong forms, encoded surrogates, beyond U+10FFFF,
                // or UTF-16 and UTF-32 text, which it detects and reads (JSON never holds a raw NUL).
                return Outcome.rejected(ReasonCode.INVALID_UTF8, containsNul(bytes, offset, length)
                        ? "the body is not UTF-8 (it looks like UTF-16 or UTF-32); JSON must be sent as UTF-8"
                        : "the body is not valid UTF-8");
            }
            int lone = SurrogateEscapes.firstLone(bytes, offset, length);
            if (lone >= 0) {
                return Outcome.rejected(ReasonCode.INVALID_UNICODE, "a string escapes a lone surrogate ("
                        + new String(bytes, lone, 6, StandardCharsets.US_ASCII) + " at byte "
                        + (lone - offset) + "), which is not Unicode text; send U+FFFD instead");
            }
            return Outcome.accepted(node);
        } catch (StreamConstraintsException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("nesting depth")) {
                return Outcome.rejected(ReasonCode.NESTING_TOO_DEEP,
                        "JSON nested deeper than " + Limits.PARSER_MAX_NESTING + " levels");
            }
            if (message != null && message.startsWith("Number")) {
                return Outcome.rejected(ReasonCode.INVALID_NUMBER, "a value exceeds parser limits: " + shorten(message));
            }
            // A key or string longer than the parser takes: far more than one event may hold.
            return Outcome.rejected(ReasonCode.EVENT_TOO_LARGE, "a value exceeds parser limits: " + shorten(message));
        } catch (JsonParseException e) {
            return Outcome.rejected(classify(e, bytes, offset, length), describe(e));
        } catch (JsonProcessingException e) {
            return Outcome.rejected(ReasonCode.MALFORMED_JSON, describe(e));
        } catch (IOException | RuntimeException e) {
            // Jackson reports some malformed input (e.g. broken surrogates) as other exceptions.
            return Outcome.rejected(ReasonCode.MALFORMED_JSON, "unreadable JSON: " + shorten(e.getMessage()));
        }
    }

    private static ReasonCode classify(JsonParseException e, byte[] bytes, int offset, int length) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return ReasonCode.DUPLICATE_KEY;
        }
        // The parser says "Invalid UTF-8 start byte" for any non-ASCII byte where a token should
        // start, even a valid character: that is a syntax error, not an encoding one.
        if ((message.contains("Invalid UTF-8") || message.contains("Invalid UTF8")) && !Utf8.isValid(bytes, offset, length)) {
            return ReasonCode.INVALID_UTF8;
        }
        return ReasonCode.MALFORMED_JSON;
    }

    private static String describe(JsonProcessingException e) {
        String message = shorten(e.getOriginalMessage());
        if (e.getLocation() != null && e.getLocation().getByteOffset() >= 0) {
            return message + " (at byte " + e.getLocation().getByteOffset() + ")";
        }
        return message;
    }

    private static String shorten(String message) {
        if (message == null) {
            return "unknown error";
        }
        // Jackson quotes input in its messages; keep errors short so a huge body cannot echo back.
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static boolean containsNul(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
