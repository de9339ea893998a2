package io.github.rocketmqws.gateway.support;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The credentials, keys and certificate of {@link SecuredProfile}. Key material is generated once per build into
 * {@code target/secured-profile/} and read back from there, because the profile and the tests that use it may run
 * in different class loaders of the same JVM.
 */
public final class SecurityFixtures {
    public static final Path DIR = Path.of("target", "secured-profile").toAbsolutePath();
    public static final String ISSUER = "https://issuer.rocketmq-ws.test";
    public static final String ALLOWED_ORIGIN = "https://allowed.example";
    public static final String STORE_PASSWORD = "test-only-password";

    /** API keys by principal; the profile configures only their SHA-256. Roles: see {@link SecuredProfile}. */
    public static final String CLIENT_A_KEY = "key-client-a-5f0e2b7d9c1a4e38";
    public static final String CLIENT_B_KEY = "key-client-b-a93c6e1f07d24b55";
    public static final String OPS_KEY = "key-ops-1c7e9a3b5d2f4680";
    public static final String CONSOLE_KEY = "key-console-8b2d4f6a0c1e3957";
    public static final String LIMITED_KEY = "key-limited-3e5a7c9b1d2f4068";
    public static final Map<String, String> API_KEYS = Map.of(
            "client-a", CLIENT_A_KEY,
            "client-b", CLIENT_B_KEY,
            "ops", OPS_KEY,
            "console", CONSOLE_KEY,
            "limited", LIMITED_KEY);

    /** The broker secret the profile configures; it must never appear in a log line or a reply. */
    public static final String BROKER_SECRET = "broker-secret-7d1f3b5e9a2c4680";

    private static final Path JWT_PRIVATE = DIR.resolve("jwt-private.der");
    private static final Path JWT_PUBLIC = DIR.resolve("jwt-public.pem");
    private static final Path OTHER_PRIVATE = DIR.resolve("jwt-other-private.der");
    private static final Path KEY_STORE = DIR.resolve("gateway.p12");
    private static final Path CERTIFICATE = DIR.resolve("gateway-cert.pem");

    private SecurityFixtures() {}

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static Map<String, String> authorization(String token) {
        return Map.of("Authorization", bearer(token));
    }

    /** The subprotocols a browser offers to carry {@code token} (see docs/security.md). */
    public static List<String> browserSubprotocols(String token) {
        return List.of("rocketmq-ws.v1", "quarkus-http-upgrade#Authorization#Bearer%20" + token);
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT for {@code principal} with {@code roles}, signed by the key the gateway trusts. */
    public static String jwt(String principal, Duration validFor, String... roles) {
        return sign(principal, validFor, ISSUER, JWT_PRIVATE, roles);
    }

    /** A JWT signed by a key the gateway does not know. */
    public static String jwtSignedByStranger(String principal, String... roles) {
        return sign(principal, Duration.ofMinutes(5), ISSUER, OTHER_PRIVATE, roles);
    }

    public static String jwtFromIssuer(String issuer, String principal, String... roles) {
        return sign(principal, Duration.ofMinutes(5), issuer, JWT_PRIVATE, roles);
    }

    public static Path jwtPublicKey() {
        ensureGenerated();
        return JWT_PUBLIC;
    }

    public static Path keyStore() {
        ensureGenerated();
        return KEY_STORE;
    }

    /** The gateway's self-signed certificate (PEM), for clients that must trust it. */
    public static Path certificate() {
        ensureGenerated();
        return CERTIFICATE;
    }

    /** An HTTP client that trusts only the gateway's test certificate. */
    public static HttpClient trustingHttpClient() {
        try (InputStream pem = Files.newInputStream(certificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust " + CERTIFICATE, e);
        }
    }

    private static String sign(String principal, Duration validFor, String issuer, Path privateKey, String... roles) {
        ensureGenerated();
        long now = System.currentTimeMillis() / 1000;
        return Jwt.upn(principal)
                .issuer(issuer)
                .groups(Set.of(roles))
                .issuedAt(now)
                .expiresAt(now + validFor.toSeconds())
                .sign(readPrivateKey(privateKey));
    }

    private static PrivateKey readPrivateKey(Path path) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(path)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Generates the key pairs and the certificate once per build; idempotent and safe across class loaders. */
    static synchronized void ensureGenerated() {
        if (Files.exists(CERTIFICATE) && Files.exists(OTHER_PRIVATE)) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            KeyPair trusted = rsaKeyPair();
            Files.write(JWT_PRIVATE, trusted.getPrivate().getEncoded());
            Files.writeString(JWT_PUBLIC, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(trusted.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            Files.deleteIfExists(KEY_STORE);
            keytool("-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", KEY_STORE.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "gateway", "-keystore", KEY_STORE.toString(),
                    "-storepass", STORE_PASSWORD, "-file", CERTIFICATE.toString());
            Files.write(OTHER_PRIVATE, rsaKeyPair().getPrivate().getEncoded());
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the secured profile's keys in " + DIR, e);
        }
    }

    private static KeyPair rsaKeyPair() throws java.security.GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
