package dev.footfall.job.serialization;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * {@code String} keys serialized by {@link KeyStringSerializer}: what every {@code keyBy} of the
 * job declares as its key type, so state and timers checkpoint their keys in one write each.
 */
public final class KeyStringType extends TypeInformation<String> {

    private static final long serialVersionUID = 1L;

    public static final KeyStringType INSTANCE = new KeyStringType();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<String> createSerializer(SerializerConfig config) {
        return KeyStringSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<String> createSerializer(ExecutionConfig config) {
        return KeyStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "String (keyed-state key)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyStringType;
    }

    @Override
    public int hashCode() {
        return KeyStringType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof KeyStringType;
    }
}
