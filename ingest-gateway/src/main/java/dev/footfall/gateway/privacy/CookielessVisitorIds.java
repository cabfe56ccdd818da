package dev.footfall.gateway.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookieless visitor id: {@code HMAC-SHA256(daily salt, site, address, user agent)}, cut to
 * 64 bits as hex. Without the salt, which is deleted after two days, the id cannot be traced back
 * to an address, and the same visitor gets unrelated ids on different days.
 */
public final class CookielessVisitorIds {

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final DailySalts salts;
    /** A Mac is not thread-safe and costly to key; each thread keeps one keyed with today's salt. */
    private final ThreadLocal<KeyedMac> macs = new ThreadLocal<>();

    private static final class KeyedMac {
        final long epochDay;
        final Mac mac;

        KeyedMac(long epochDay, Mac mac) {
            this.epochDay = epochDay;
            this.mac = mac;
        }
    }

    public CookielessVisitorIds(DailySalts salts) {
        this.salts = salts;
        try {
            Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
    }

    public String visitorId(String siteId, ClientAddress address, String userAgent) {
        Mac mac = mac();
        mac.update(siteId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(address.bytes());
        mac.update((byte) 0);
        if (userAgent != null) {
            mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = mac.doFinal();
        char[] out = new char[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    private Mac mac() {
        DailySalts.Salt salt = salts.today();
        KeyedMac keyed = macs.get();
        if (keyed == null || keyed.epochDay != salt.epochDay()) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(salt.bytes(), ALGORITHM));
                keyed = new KeyedMac(salt.epochDay(), mac);
            } catch (InvalidKeyException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot key " + ALGORITHM, e);
            }
            macs.set(keyed);
        }
        return keyed.mac;
    }
}
