package dev.footfall.bench.history;

import dev.footfall.event.EventCodec;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.FootfallJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What a loaded history depends on, as one hash: the plan, the generator's version, the index
 * templates and the compiled code of the job, the event rules and the index contract. A history
 * on disk is reused only when all of them are the same, so a figure is never measured on
 * documents an older job wrote. (Class files are hashed by content, not by jar timestamps: a
 * rebuild of the same code keeps the history.)
 */
final class HistoryFingerprint {

    private HistoryFingerprint() {
    }

    static String of(HistoryPlan plan) {
        MessageDigest digest = sha256();
        update(digest, "plan " + plan.events() + " " + plan.days() + " " + plan.firstDay() + " " + plan.zone() + " "
                + plan.visitors() + " " + plan.seed() + " traffic " + HistoryPlan.TRAFFIC_VERSION);
        for (IndexFamily family : IndexFamily.values()) {
            update(digest, family.template().toString());
        }
        for (Class<?> code : List.of(FootfallJob.class, EventCodec.class, IndexFamily.class)) {
            hashClasses(digest, location(code));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the code of " + type.getName(), e);
        }
    }

    private static void hashClasses(MessageDigest digest, Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        update(digest, location.relativize(file).toString());
                        digest.update(Files.readAllBytes(file));
                    }
                }
                return;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                List<JarEntry> classes = jar.stream().filter(e -> e.getName().endsWith(".class"))
                        .sorted(java.util.Comparator.comparing(JarEntry::getName)).toList();
                for (JarEntry entry : classes) {
                    update(digest, entry.getName());
                    try (InputStream in = jar.getInputStream(entry)) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code at " + location, e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
