package dev.footfall.job.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Country and region from a MaxMind-format database (GeoLite2 or GeoIP2, Country or City), when
 * one is configured. Footfall never needs it: without a database every location is unknown. The
 * gateway truncates addresses to /24 (IPv4) or /48 (IPv6) before they reach Kafka; at that
 * precision country and region are still right for nearly all addresses.
 */
public final class GeoLocator implements Closeable {

    /** No database: every lookup is unknown. */
    public static final GeoLocator NONE = new GeoLocator(null, false);

    private final DatabaseReader reader;
    private final boolean hasCities;

    private GeoLocator(DatabaseReader reader, boolean hasCities) {
        this.reader = reader;
        this.hasCities = hasCities;
    }

    /**
     * Opens a database file.
     *
     * @throws IllegalArgumentException naming the file when it is missing or not a MaxMind database
     */
    public static GeoLocator open(String path) {
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalArgumentException("GeoIP database not found: " + path);
        }
        try {
            DatabaseReader reader = new DatabaseReader.Builder(file).withCache(new CHMCache()).build();
            String type = reader.getMetadata().getDatabaseType();
            return new GeoLocator(reader, type != null && (type.contains("City") || type.contains("Enterprise")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a MaxMind-format GeoIP database: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    public Location locate(String address) {
        if (reader == null || !isIpLiteral(address)) {
            return Location.UNKNOWN;
        }
        try {
            // An IP literal: getByName parses it and never touches DNS.
            InetAddress ip = InetAddress.getByName(address);
            if (hasCities) {
                Optional<CityResponse> city = reader.tryCity(ip);
                if (city.isEmpty()) {
                    return Location.UNKNOWN;
                }
                String country = city.get().getCountry().getIsoCode();
                String subdivision = city.get().getMostSpecificSubdivision().getIsoCode();
                return new Location(country, country != null && subdivision != null ? country + "-" + subdivision : null);
            }
            Optional<CountryResponse> country = reader.tryCountry(ip);
            return country.map(c -> new Location(c.getCountry().getIsoCode(), null)).orElse(Location.UNKNOWN);
        } catch (IOException e) {
            throw new UncheckedIOException("GeoIP database read failed", e);
        } catch (Exception e) {
            return Location.UNKNOWN; // an address the database cannot place
        }
    }

    /** Only digits, hex letters, dots and colons: so a host name can never cause a DNS lookup. */
    static boolean isIpLiteral(String address) {
        if (address == null || address.isEmpty() || address.length() > 45) {
            return false;
        }
        boolean colon = address.indexOf(':') >= 0;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean ok = Character.isDigit(c) || c == '.' || (colon && (c == ':' || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
