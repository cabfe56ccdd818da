package dev.footfall.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link Utf8#isValid} and {@link SurrogateEscapes#firstLone} skip plain text eight bytes at a
 * time; they must answer exactly what a byte-by-byte reading does, wherever the interesting bytes
 * fall against word boundaries and whatever slice of the array is scanned.
 */
class TextScansProperties {

    @Property(tries = 5000)
    void utf8AnswersAsTheJdksStrictDecoder(@ForAll("texts") byte[] bytes, @ForAll("cuts") int[] cut) {
        int offset = Math.min(cut[0], bytes.length);
        int length = Math.min(cut[1], bytes.length - offset);
        assertThat(Utf8.isValid(bytes, offset, length)).isEqualTo(strictUtf8WithoutNul(bytes, offset, length));
    }

    @Property(tries = 5000)
    void loneSurrogatesAreFoundWhereTheByteLoopFindsThem(@ForAll("texts") byte[] bytes, @ForAll("cuts") int[] cut) {
        int offset = Math.min(cut[0], bytes.length);
        int length = Math.min(cut[1], bytes.length - offset);
        assertThat(SurrogateEscapes.firstLone(bytes, offset, length))
                .isEqualTo(SurrogateEscapes.firstLone(bytes, offset, length, false));
    }

    @Provide
    Arbitrary<byte[]> texts() {
        List<String> pieces = List.of("a", "plain ascii text ", "0123456789abcdef", "\\", "\\\\", "\\\"", "\\u0041",
                "\\ud83d", "\\ude00", "\\ud83d\\ude00", "\\uD800x", "\\udbff\\udfff", "\u00e9", "\u20ac", "\uD83D\uDE00");
        Arbitrary<byte[]> valid = Arbitraries.of(pieces).map(p -> p.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.of(new byte[] {0}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80});
        return Arbitraries.frequencyOf(Tuple.of(12, valid), Tuple.of(1, raw))
                .list().ofMaxSize(40).map(TextScansProperties::concat);
    }

    @Provide
    Arbitrary<int[]> cuts() {
        return Arbitraries.integers().between(0, 9).list().ofSize(1).flatMap(o -> Arbitraries.integers().between(0, 2000)
                .map(len -> new int[] {o.get(0), len}));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static boolean strictUtf8WithoutNul(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
