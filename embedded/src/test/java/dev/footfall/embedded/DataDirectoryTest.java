package dev.footfall.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @Test
    void shouldDeleteATemporaryDirectoryWithEverythingInIt() throws IOException {
        DataDirectory directory = DataDirectory.temporary("footfall-test-");
        Files.writeString(directory.resolve("nested/deeper").resolve("file.log"), "data");

        directory.release();

        assertThat(directory.path()).doesNotExist();
    }

    @Test
    void shouldKeepAPersistentDirectory(@TempDir Path parent) throws IOException {
        DataDirectory directory = DataDirectory.persistent(parent.resolve("kept"));
        Path file = Files.writeString(directory.resolve("data").resolve("file.log"), "data");

        directory.release();

        assertThat(file).hasContent("data");
    }
}
