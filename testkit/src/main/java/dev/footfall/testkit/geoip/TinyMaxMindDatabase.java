package dev.footfall.testkit.geoip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a MaxMind DB file (format 2.0) that knows one IPv4 /24 network: enough to test the real
 * GeoIP reader without shipping a licensed database. Layout: a binary search tree of 24 nodes
 * (one per prefix bit), 16 zero bytes, the data section, then the metadata after its marker.
 */
public final class TinyMaxMindDatabase {

    private static final int RECORD_BITS = 24;

    private TinyMaxMindDatabase() {
    }

    /** A City-type database placing {@code a.b.c.0/24} in a country and subdivision. */
    public static Path write(Path file, int a, int b, int c, String country, String subdivision) throws IOException {
        int prefix = (a << 16) | (b << 8) | c;
        int nodeCount = 24;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int depth = 0; depth < nodeCount; depth++) {
            int bit = (prefix >> (23 - depth)) & 1;
            // The last node's matching side points at the first (only) record of the data section.
            int match = depth == nodeCount - 1 ? nodeCount + 16 : depth + 1;
            int empty = nodeCount;
            writeRecord(out, bit == 0 ? match : empty);
            writeRecord(out, bit == 0 ? empty : match);
        }
        out.write(new byte[16]);
        map(out, 2);
        string(out, "country");
        map(out, 1);
        string(out, "iso_code");
        string(out, country);
        string(out, "subdivisions");
        out.write(1); // extended type, one element
        out.write(11 - 7); // array
        map(out, 1);
        string(out, "iso_code");
        string(out, subdivision);

        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        map(out, 7);
        string(out, "node_count");
        unsigned(out, 6, nodeCount);
        string(out, "record_size");
        unsigned(out, 5, RECORD_BITS);
        string(out, "ip_version");
        unsigned(out, 5, 4);
        string(out, "database_type");
        string(out, "Footfall-Test-City");
        string(out, "binary_format_major_version");
        unsigned(out, 5, 2);
        string(out, "binary_format_minor_version");
        unsigned(out, 5, 0);
        string(out, "build_epoch");
        out.write(1); // extended type, one byte
        out.write(9 - 7); // uint64
        out.write(1);
        return Files.write(file, out.toByteArray());
    }

    private static void writeRecord(ByteArrayOutputStream out, int value) {
        out.write((value >> 16) & 0xff);
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }

    private static void map(ByteArrayOutputStream out, int entries) {
        out.write((7 << 5) | entries);
    }

    private static void string(ByteArrayOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((2 << 5) | bytes.length);
        out.write(bytes);
    }

    private static void unsigned(ByteArrayOutputStream out, int type, int value) {
        int size = value < 0x100 ? 1 : value < 0x10000 ? 2 : 3;
        out.write((type << 5) | size);
        for (int i = size - 1; i >= 0; i--) {
            out.write((value >> (8 * i)) & 0xff);
        }
    }
}
