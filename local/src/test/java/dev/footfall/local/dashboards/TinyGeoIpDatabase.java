package dev.footfall.local.dashboards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MaxMind DB file (format 2.0, City type) that places one IPv4 /24 network in a country and
 * subdivision, so the job's real GeoIP lookup fills {@code country} and the Countries panel has
 * something to show, without shipping a licensed database. Layout: a search tree of 24 nodes (one
 * per prefix bit, 24-bit records), 16 zero bytes, the data section, the metadata marker and map.
 *
 * <p>flink-job's tests have the same writer, package-private in its test sources, which this
 * module cannot see.
 */
final class TinyGeoIpDatabase {

    private static final int NODES = 24;

    private TinyGeoIpDatabase() {
    }

    /** Writes a database in which {@code a.b.c.0/24} is in {@code country} (ISO code), {@code subdivision}. */
    static Path write(Path file, int a, int b, int c, String country, String subdivision) throws IOException {
        int prefix = (a << 16) | (b << 8) | c;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int depth = 0; depth < NODES; depth++) {
            boolean one = ((prefix >> (NODES - 1 - depth)) & 1) == 1;
            // A record equal to the node count means "not found"; node count + 16 is the first
            // (only) entry of the data section.
            int next = depth == NODES - 1 ? NODES + 16 : depth + 1;
            record(out, one ? NODES : next);
            record(out, one ? next : NODES);
        }
        out.write(new byte[16]);

        map(out, 2);
        text(out, "country");
        map(out, 1);
        text(out, "iso_code");
        text(out, country);
        text(out, "subdivisions");
        out.write(1); // extended type with one element:
        out.write(11 - 7); // an array
        map(out, 1);
        text(out, "iso_code");
        text(out, subdivision);

        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        map(out, 7);
        text(out, "node_count");
        unsigned(out, 6, NODES);
        text(out, "record_size");
        unsigned(out, 5, 24);
        text(out, "ip_version");
        unsigned(out, 5, 4);
        text(out, "database_type");
        text(out, "Footfall-Test-City");
        text(out, "binary_format_major_version");
        unsigned(out, 5, 2);
        text(out, "binary_format_minor_version");
        unsigned(out, 5, 0);
        text(out, "build_epoch");
        out.write(1); // extended type, one byte long:
        out.write(9 - 7); // uint64
        out.write(1);
        return Files.write(file, out.toByteArray());
    }

    private static void record(ByteArrayOutputStream out, int value) {
        out.write((value >> 16) & 0xff);
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }

    private static void map(ByteArrayOutputStream out, int entries) {
        out.write((7 << 5) | entries);
    }

    private static void text(ByteArrayOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
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
