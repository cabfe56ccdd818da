package dev.footfall.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** A flight recording of the bench's own JVM (Kafka and OpenSearch run there), dumped when closed. */
public final class SelfRecording implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    private SelfRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    public static SelfRecording start(boolean enabled, Path file) {
        if (!enabled) {
            return new SelfRecording(null, file);
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
            return new SelfRecording(recording, file);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start a flight recording", e);
        }
    }

    @Override
    public void close() {
        if (recording == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            recording.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            recording.close();
        }
    }
}
