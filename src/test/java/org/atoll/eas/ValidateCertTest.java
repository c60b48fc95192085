package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * ValidateCert (MS-ASCMD 2.2.1.22) over real HTTP and WBXML with certificates built here: each Certificate gets its
 * own Status from MS-ASCMD 2.2.3.177.18, and the ValidateCert element Status 1.
 */
@AtollTest
class ValidateCertTest {

    private static final CodePage V = CodePage.VALIDATE_CERT;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    EasDevice phone;

    @BeforeEach
    void phone() throws Exception {
        AccountView account = TestAccounts.open(accounts, "validator");
        phone = new EasDevice(port, account.address(), "correct horse battery", "CertPhone").provision();
    }

    @Test
    void selfSignedCertificateShouldBeFromAnUntrustedSource_Status4() throws Exception {
        X509Certificate self = certificate(
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));

        assertThat(statuses(request(null, base64(self)))).containsExactly("4");
    }

    @Test
    void expiredCertificateShouldBeExpired_Status7() throws Exception {
        X509Certificate expired = certificate(
                Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(30)));

        assertThat(statuses(request(null, base64(expired)))).containsExactly("7");
    }

    @Test
    void garbageShouldGetItsOwnStatusAndTheOthersTheirs_Status3() throws Exception {
        X509Certificate self = certificate(
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));

        assertThat(statuses(request(null, "not base64 at all!", base64("not DER".getBytes()), base64(self))))
                .containsExactly("3", "3", "4");
    }

    @Test
    void trustedRootShouldValidate_AndWithCheckCrlItsRevocationIsUndetermined_Status16() throws Exception {
        X509Certificate root = trustedRoot();

        assertThat(statuses(request(null, base64(root)))).containsExactly("1");
        assertThat(statuses(request("1", base64(root)))).containsExactly("16");
        assertThat(statuses(request("0", base64(root)))).containsExactly("1");
    }

    @Test
    void certificateForServersOnlyShouldNotBeValidForEmail_Status6() throws Exception {
        X509Certificate server = certificate(
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)),
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));

        assertThat(statuses(request(null, base64(server)))).containsExactly("6");
    }

    @Test
    void requestWithoutCertificatesShouldGetProtocolError_Status2() throws Exception {
        WbxmlElement response =
                phone.send("ValidateCert", WbxmlElement.of(V, "ValidateCert").add("CheckCRL", "1"));

        assertThat(response.text("Status")).hasValue("2");
        assertThat(response.children("Certificate")).isEmpty();
    }

    private List<String> statuses(WbxmlElement request) throws Exception {
        WbxmlElement response = phone.send("ValidateCert", request);
        assertThat(response.text("Status")).hasValue("1");
        return response.children("Certificate").stream()
                .map(c -> c.text("Status").orElseThrow())
                .toList();
    }

    private static WbxmlElement request(String checkCrl, String... certificates) {
        WbxmlElement list = WbxmlElement.of(V, "Certificates");
        for (String certificate : certificates) {
            list.add("Certificate", certificate);
        }
        WbxmlElement request = WbxmlElement.of(V, "ValidateCert").add(list);
        if (checkCrl != null) {
            request.add("CheckCRL", checkCrl);
        }
        return request;
    }

    private static String base64(X509Certificate certificate) throws Exception {
        return base64(certificate.getEncoded());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static X509Certificate certificate(Instant from, Instant to) throws Exception {
        return certificate(from, to, null);
    }

    private static X509Certificate certificate(Instant from, Instant to, ExtendedKeyUsage usage) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Principal name = new X500Principal("CN=Ann Example, O=Example");
        var builder = new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), name, keys.getPublic());
        if (usage != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, usage);
        }
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /** A root of the JDK's default trust store that is valid now. */
    private static X509Certificate trustedRoot() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return Arrays.stream(factory.getTrustManagers())
                .filter(X509TrustManager.class::isInstance)
                .flatMap(m -> Arrays.stream(((X509TrustManager) m).getAcceptedIssuers()))
                .filter(c -> {
                    try {
                        c.checkValidity();
                        return c.getExtendedKeyUsage() == null;
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
    }
}
