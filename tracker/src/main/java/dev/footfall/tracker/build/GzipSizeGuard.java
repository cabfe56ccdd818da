package dev.footfall.tracker.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Build step: fails the build when the minified tracker, gzipped at maximum compression (what a
 * well-configured server sends), is larger than its budget. The tracker loads on every page view
 * of every site that uses Footfall, so its size is a feature.
 *
 * <p>Usage: {@code java -cp target/classes dev.footfall.tracker.build.GzipSizeGuard FILE MAX_BYTES}
 */
public final class GzipSizeGuard {

    private GzipSizeGuard() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GzipSizeGuard <minified script> <max gzipped bytes>");
            System.exit(2);
        }
        Path script = Path.of(args[0]);
        Verdict verdict = check(script.getFileName().toString(), Files.readAllBytes(script), Integer.parseInt(args[1]));
        if (verdict.withinBudget()) {
            System.out.println(verdict.message());
        } else {
            System.err.println(verdict.message());
            System.exit(1);
        }
    }

    /** Measures {@code content} gzipped and says whether it fits in {@code maxGzippedBytes}. */
    public static Verdict check(String name, byte[] content, int maxGzippedBytes) {
        int gzipped = gzippedSize(content);
        boolean fits = gzipped <= maxGzippedBytes;
        String message = fits
                ? String.format("%s: %,d bytes minified, %,d bytes gzipped (budget %,d, %,d to spare)",
                        name, content.length, gzipped, maxGzippedBytes, maxGzippedBytes - gzipped)
                : String.format("%s is %,d bytes gzipped, over its budget of %,d bytes by %,d: make the script smaller"
                                + " (or, if the feature is worth it, raise tracker.max-gzip-bytes in tracker/pom.xml)",
                        name, gzipped, maxGzippedBytes, gzipped - maxGzippedBytes);
        return new Verdict(gzipped, fits, message);
    }

    /** The gzip size at {@link Deflater#BEST_COMPRESSION}, header and trailer included. */
    public static int gzippedSize(byte[] content) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new BestCompressionGzip(buffer)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.size();
    }

    /** The outcome of one measurement. */
    public record Verdict(int gzippedBytes, boolean withinBudget, String message) {
    }

    private static final class BestCompressionGzip extends GZIPOutputStream {
        BestCompressionGzip(ByteArrayOutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
