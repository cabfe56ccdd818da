package dev.footfall.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.model.VisitorKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class KeyStringSerializerTest {

    private final KeyStringSerializer serializer = KeyStringSerializer.INSTANCE;

    @Test
    void shouldReadBackEveryKindOfStringInSequence() throws IOException {
        List<String> values = new ArrayList<>(List.of("", "a", VisitorKey.of("shop", "0f9c2b1e-4d5a-4f3e-9b8a-1c2d3e4f5a6b"),
                "caf\u00e9 \u00ff", "\u0100", "\u65e5\u672c\u8a9e", "emoji \uD83D\uDE00", "lone \uD800", "nul \u0000 end",
                "x".repeat(70_000)));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(80)];
            int range = i % 3 == 0 ? 0x80 : i % 3 == 1 ? 0x100 : 0x10000;
            for (int k = 0; k < chars.length; k++) {
                chars[k] = (char) random.nextInt(range);
            }
            values.add(new String(chars));
        }
        values.add(null);

        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String value : values) {
            serializer.serialize(value, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String value : values) {
            assertThat(serializer.deserialize(in)).isEqualTo(value);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void shouldCopySerializedFormsWithoutReadingThemAsStrings() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        List<String> values = List.of("latin", "\u65e5\u672c", "");
        for (String value : values) {
            serializer.serialize(value, out);
        }
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (int i = 0; i < values.size(); i++) {
            serializer.copy(in, copied);
        }
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void shouldWriteALatinOneKeyAsItsLengthAndItsBytes() throws IOException {
        String key = VisitorKey.of("shop", "visitor-123");
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(key, out);
        assertThat(out.length()).isEqualTo(Integer.BYTES + key.length());
    }

    @Test
    void shouldRestoreFromItsSnapshotAsTheSameSerializer() throws IOException {
        TypeSerializerSnapshot<String> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<String> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAsIs).isEqualTo(true);
        // Keys written by Flink's own serializer are another format: refused, never misread.
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(
                StringSerializer.INSTANCE.snapshotConfiguration()).isIncompatible()).isTrue();
    }
}
