package dev.footfall.index.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How to check a server's TLS certificate: the JDK's trust store (default), a given CA certificate
 * (for a private CA), or not at all (an explicit opt-in for the self-signed demo certificates of a
 * local docker-compose; never the default).
 */
public sealed interface TlsTrust {

    SSLContext sslContext();

    /** For messages: how certificates are checked. */
    String describe();

    static TlsTrust systemDefault() {
        return new SystemDefault();
    }

    static TlsTrust caCertificate(Path pem) {
        return new CaCertificate(pem);
    }

    static TlsTrust insecureTrustAll() {
        return new TrustAll();
    }

    record SystemDefault() implements TlsTrust {
        @Override
        public SSLContext sslContext() {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no default TLS context", e);
            }
        }

        @Override
        public String describe() {
            return "the JDK trust store";
        }
    }

    record CaCertificate(Path pem) implements TlsTrust {
        @Override
        public SSLContext sslContext() {
            try (InputStream in = Files.newInputStream(pem)) {
                Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (certs.isEmpty()) {
                    throw new IllegalArgumentException("CA certificate file " + pem + " holds no certificate");
                }
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate cert : certs) {
                    store.setCertificateEntry("ca-" + i++, cert);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
                return ctx;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read CA certificate file " + pem + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("CA certificate file " + pem + " is not a PEM X.509 certificate: " + e.getMessage(), e);
            }
        }

        @Override
        public String describe() {
            return "the CA certificate " + pem;
        }
    }

    /**
     * Accepts any certificate for any host name. It must extend {@link X509ExtendedTrustManager}:
     * the JDK wraps a plain X509TrustManager in one that still checks the host name, which the
     * demo certificates (issued to node-0.example.com) would fail.
     */
    record TrustAll() implements TlsTrust {
        @Override
        public SSLContext sslContext() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new AcceptingTrustManager()}, new SecureRandom());
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String describe() {
            return "no certificate check (--insecure)";
        }
    }

    final class AcceptingTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
