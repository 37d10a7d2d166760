package io.tickstock.publisher;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made by the JDK's own
 * {@code keytool} and written as PEM files (certificate, PKCS#8 key) the way an operator hands
 * them to the edge. keytool can put the IP address in the subject alternative names, which the
 * JDK's clients check; Netty's {@code SelfSignedCertificate} (deprecated in 4.2) cannot.
 */
final class TestCertificate
{
    private static final String ALIAS = "edge";
    private static final char[] PASSWORD = "changeit".toCharArray();

    final Path certFile;
    final Path keyFile;
    private final Certificate certificate;

    private TestCertificate(final Path certFile, final Path keyFile, final Certificate certificate)
    {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.certificate = certificate;
    }

    /** Generates the key pair and certificate in {@code dir}. */
    static TestCertificate create(final Path dir) throws Exception
    {
        final Path store = dir.resolve("edge.p12");
        final Process keytool = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
        final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0)
        {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + output);
        }
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store))
        {
            keys.load(in, PASSWORD);
        }
        final Certificate certificate = keys.getCertificate(ALIAS);
        final PrivateKey key = (PrivateKey)keys.getKey(ALIAS, PASSWORD);
        final Path certFile = dir.resolve("edge-cert.pem");
        final Path keyFile = dir.resolve("edge-key.pem");
        Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return new TestCertificate(certFile, keyFile, certificate);
    }

    private static String pem(final String type, final byte[] der)
    {
        final Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        return "-----BEGIN " + type + "-----\n" + base64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** A TLS context that trusts this certificate and nothing else. */
    SSLContext trustingContext() throws Exception
    {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate);
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
