package dev.footfall.gateway.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One secret random salt per UTC day, as Plausible does it: a visitor's hash is stable for a day
 * and unlinkable across days once the salt is gone. Salts are files ({@code YYYY-MM-DD.salt}) in
 * a directory, so a restart on the same day keeps visitor ids stable and several gateway
 * instances sharing the directory compute the same ids. Salts older than two days are deleted.
 */
public final class DailySalts {

    private static final Logger LOG = LoggerFactory.getLogger(DailySalts.class);
    private static final int SALT_BYTES = 32;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final String SUFFIX = ".salt";

    private final Path directory;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Salt current;

    /** One day's salt. */
    public record Salt(long epochDay, byte[] bytes) {
    }

    /**
     * @param directory where salts are kept; null keeps them in memory only, so visitor ids
     *     change when the gateway restarts
     * @param clock what says which UTC day it is
     */
    public DailySalts(Path directory, InstantSource clock) {
        this.directory = directory;
        this.clock = clock;
        if (directory != null) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the salt directory " + directory, e);
            }
        }
    }

    /** Today's salt (UTC). Cheap: a clock read and a comparison, except once a day. */
    public Salt today() {
        long day = Math.floorDiv(clock.millis(), MILLIS_PER_DAY);
        Salt salt = current;
        if (salt != null && salt.epochDay() == day) {
            return salt;
        }
        return rotate(day);
    }

    private synchronized Salt rotate(long day) {
        Salt salt = current;
        if (salt != null && salt.epochDay() == day) {
            return salt;
        }
        salt = new Salt(day, directory == null ? fresh() : loadOrCreate(day));
        current = salt;
        if (directory != null) {
            deleteOlderThanYesterday(day);
        }
        return salt;
    }

    private byte[] loadOrCreate(long day) {
        Path file = directory.resolve(LocalDate.ofEpochDay(day) + SUFFIX);
        try {
            if (!Files.exists(file)) {
                // Write aside, then link into place: creating a link fails if the name exists,
                // so when two instances race, both end up reading the winner's salt.
                Path temp = Files.createTempFile(directory, "new-", ".tmp");
                try {
                    Files.writeString(temp, HexFormat.of().formatHex(fresh()), StandardCharsets.US_ASCII);
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException lostTheRace) {
                    // another instance wrote today's salt first: use theirs
                } catch (UnsupportedOperationException | IOException noHardLinks) {
                    if (!Files.exists(file)) {
                        Files.move(temp, file);
                    }
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            byte[] salt = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (salt.length < 16) {
                throw new IllegalStateException("salt file " + file + " is too short");
            }
            return salt;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the salt file " + file, e);
        }
    }

    private void deleteOlderThanYesterday(long today) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    long day = LocalDate.parse(name.substring(0, name.length() - SUFFIX.length())).toEpochDay();
                    if (day < today - 1) {
                        Files.deleteIfExists(file);
                    }
                } catch (DateTimeParseException notOurs) {
                    // leave files we did not write alone
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean old salts in {}: {}", directory, e.toString());
        }
    }

    private byte[] fresh() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }
}
