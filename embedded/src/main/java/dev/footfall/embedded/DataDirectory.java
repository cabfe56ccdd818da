package dev.footfall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where an embedded service keeps its files, and whether they are its to delete: a temporary
 * directory is deleted on close, a persistent one (the local mode's data) is kept.
 */
final class DataDirectory {

    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** A fresh directory under {@code java.io.tmpdir}, deleted again by {@link #release()}. */
    static DataDirectory temporary(String prefix) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            // Surefire points java.io.tmpdir into target/, which may not exist yet.
            Files.createDirectories(tmp);
            return new DataDirectory(Files.createTempDirectory(tmp, prefix), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + prefix, e);
        }
    }

    /** A caller-owned directory, created if missing and never deleted. */
    static DataDirectory persistent(Path path) {
        try {
            return new DataDirectory(Files.createDirectories(path.toAbsolutePath()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + path, e);
        }
    }

    Path path() {
        return path;
    }

    Path resolve(String child) {
        try {
            return Files.createDirectories(path.resolve(child));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path.resolve(child), e);
        }
    }

    boolean isTemporary() {
        return temporary;
    }

    /** Deletes the directory if it is temporary; leaves a persistent one alone. */
    void release() {
        if (temporary) {
            deleteRecursively(path);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return path + (temporary ? " (temporary)" : " (kept)");
    }
}
