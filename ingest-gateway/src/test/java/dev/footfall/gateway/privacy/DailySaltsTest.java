package dev.footfall.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailySaltsTest {

    private Instant now = Instant.parse("2026-03-10T23:59:00Z");
    /** A clock the test moves by hand, by setting {@link #now}. */
    private final InstantSource clock = () -> now;

    @Test
    void shouldKeepOneSaltPerUtcDayAcrossInstancesSharingTheDirectory(@TempDir Path dir) {
        DailySalts first = new DailySalts(dir, clock);
        DailySalts second = new DailySalts(dir, clock);

        assertThat(second.today().bytes()).isEqualTo(first.today().bytes());
        byte[] tuesday = first.today().bytes();

        now = now.plus(Duration.ofMinutes(2)); // past midnight UTC
        assertThat(first.today().bytes()).isNotEqualTo(tuesday).hasSize(32);
        assertThat(new DailySalts(dir, clock).today().bytes()).isEqualTo(first.today().bytes());
    }

    @Test
    void shouldForgetSaltsOlderThanTwoDays(@TempDir Path dir) throws IOException {
        DailySalts salts = new DailySalts(dir, clock);
        for (int day = 0; day < 4; day++) {
            salts.today();
            now = now.plus(Duration.ofDays(1));
        }
        salts.today();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("2026-03-13.salt", "2026-03-14.salt");
        }
    }

    @Test
    void shouldGiveAVisitorOneIdPerDayAndUnrelatedIdsAcrossDays(@TempDir Path dir) throws IOException {
        CookielessVisitorIds ids = new CookielessVisitorIds(new DailySalts(dir, clock));
        ClientAddress address = new ClientAddress(InetAddress.getByName("203.0.113.77").getAddress());
        ClientAddress neighbour = new ClientAddress(InetAddress.getByName("203.0.113.78").getAddress());

        String today = ids.visitorId("shop", address, "Firefox");
        assertThat(ids.visitorId("shop", address, "Firefox")).isEqualTo(today).matches("[0-9a-f]{16}");
        assertThat(ids.visitorId("blog", address, "Firefox")).isNotEqualTo(today);
        assertThat(ids.visitorId("shop", neighbour, "Firefox")).as("the full address counts, not the /24").isNotEqualTo(today);
        assertThat(ids.visitorId("shop", address, "Chrome")).isNotEqualTo(today);
        assertThat(ids.visitorId("shop", address, null)).isNotEqualTo(today);

        now = now.plus(Duration.ofDays(1));
        assertThat(ids.visitorId("shop", address, "Firefox")).isNotEqualTo(today);
    }

    @Test
    void shouldWorkWithoutADirectoryKeepingTheSaltInMemory() {
        DailySalts memory = new DailySalts(null, clock);

        assertThat(memory.today().bytes()).isEqualTo(memory.today().bytes());
        assertThat(new DailySalts(null, clock).today().bytes()).isNotEqualTo(memory.today().bytes());
    }
}
