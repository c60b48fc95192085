package org.atoll.eas.command;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.ValidateCertMessage;
import org.atoll.eas.message.ValidateCertMessage.Request;
import org.atoll.eas.message.ValidateCertMessage.Response;
import org.atoll.eas.message.ValidateCertMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.springframework.stereotype.Component;

/**
 * ValidateCert (MS-ASCMD 2.2.1.22): each certificate of the request, base64 DER, checked with PKIX against the JDK's
 * default trust store, helped by the certificates of CertificateChain. Revocation is never checked: the server makes
 * no network fetches of CRLs or OCSP answers, so with CheckCRL 1 a certificate that passes every other check gets
 * Status 16, its revocation status could not be determined; with CheckCRL 0 that is ignored, as the CheckCRL
 * element allows. A certificate that is not base64 DER gets its own Status, never a failed request.
 */
@Component
class ValidateCertCommand implements MessageCommand<Request, Response> {

    /** The most certificates, Certificates and CertificateChain together, one request may ask about. */
    static final int MAX_CERTIFICATES = 32;

    private static final ValidateCertMessage MESSAGE = new ValidateCertMessage(MAX_CERTIFICATES);

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    @Override
    public EasCommand command() {
        return EasCommand.VALIDATE_CERT;
    }

    @Override
    public ValidateCertMessage message() {
        return MESSAGE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        Set<TrustAnchor> anchors = TrustStore.ANCHORS;
        List<X509Certificate> intermediates = new ArrayList<>();
        boolean chainReadable = true;
        for (String text : request.chain()) {
            Optional<X509Certificate> certificate = certificate(text);
            certificate.ifPresent(intermediates::add);
            chainReadable &= certificate.isPresent();
        }
        List<Status> statuses = new ArrayList<>();
        for (String text : request.certificates()) {
            Optional<X509Certificate> certificate = certificate(text);
            if (certificate.isEmpty()) {
                statuses.add(Status.SIGNATURE_NOT_VALIDATED);
            } else if (!chainReadable) {
                statuses.add(Status.CHAIN_NOT_CREATED);
            } else {
                statuses.add(validate(certificate.get(), intermediates, anchors, request.checkCrl()));
            }
        }
        return new Response(statuses);
    }

    /** A certificate from its base64 DER. */
    private static Optional<X509Certificate> certificate(String text) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.strip());
            return Optional.of((X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * The Status of one certificate: its validity dates and those of the chain first (Status 7), then whether it may
     * sign mail (an Extended Key Usage without emailProtection, Status 6), then the PKIX path to a trusted root.
     */
    private static Status validate(
            X509Certificate certificate,
            List<X509Certificate> intermediates,
            Set<TrustAnchor> anchors,
            boolean checkCrl) {
        try {
            certificate.checkValidity();
            for (X509Certificate intermediate : intermediates) {
                intermediate.checkValidity();
            }
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return Status.EXPIRED;
        }
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages != null && !usages.contains(EMAIL_PROTECTION) && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
                return Status.NOT_FOR_EMAIL;
            }
        } catch (CertificateParsingException e) {
            return Status.NOT_FOR_EMAIL;
        }
        boolean anchored = anchors.stream().anyMatch(a -> certificate.equals(a.getTrustedCert()));
        if (!anchored) {
            Status path = path(certificate, intermediates, anchors);
            if (path != Status.SUCCESS) {
                return path;
            }
        }
        return checkCrl ? Status.REVOCATION_UNDETERMINED : Status.SUCCESS;
    }

    private static Status path(
            X509Certificate certificate, List<X509Certificate> intermediates, Set<TrustAnchor> anchors) {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPathValidator.getInstance("PKIX")
                    .validate(factory.generateCertPath(ordered(certificate, intermediates)), parameters);
            return Status.SUCCESS;
        } catch (CertPathValidatorException e) {
            return status(e.getReason());
        } catch (GeneralSecurityException e) {
            return Status.SERVER_ERROR;
        }
    }

    private static Status status(CertPathValidatorException.Reason reason) {
        if (reason == BasicReason.EXPIRED || reason == BasicReason.NOT_YET_VALID) {
            return Status.EXPIRED;
        }
        if (reason == BasicReason.INVALID_SIGNATURE) {
            return Status.SIGNATURE_NOT_VALIDATED;
        }
        if (reason == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return Status.REVOCATION_UNDETERMINED;
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return Status.UNTRUSTED_SOURCE;
        }
        if (reason == PKIXReason.NOT_CA_CERT
                || reason == PKIXReason.PATH_TOO_LONG
                || reason == PKIXReason.INVALID_KEY_USAGE
                || reason == PKIXReason.INVALID_NAME
                || reason == PKIXReason.INVALID_POLICY
                || reason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            return Status.CHAIN_USED_INCORRECTLY;
        }
        return Status.CHAIN_NOT_CREATED;
    }

    /**
     * The path from the certificate up through the chain, each next one the issuer of the one before; chain
     * certificates that fit nowhere are left out, and a self-issued one ends the path.
     */
    private static List<X509Certificate> ordered(X509Certificate certificate, List<X509Certificate> intermediates) {
        List<X509Certificate> path = new ArrayList<>(List.of(certificate));
        List<X509Certificate> left = new ArrayList<>(intermediates);
        X509Certificate last = certificate;
        while (!last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
            X509Certificate tail = last;
            Optional<X509Certificate> issuer = left.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(tail.getIssuerX500Principal()))
                    .findFirst();
            if (issuer.isEmpty()) {
                break;
            }
            left.remove(issuer.get());
            path.add(issuer.get());
            last = issuer.get();
        }
        while (path.size() > 1 && isSelfIssued(path.getLast())) {
            path.removeLast();
        }
        return path;
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
    }

    /** The roots of the JDK's default trust store, read once. */
    private static final class TrustStore {
        static final Set<TrustAnchor> ANCHORS = load();

        private static Set<TrustAnchor> load() {
            try {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                return Arrays.stream(factory.getTrustManagers())
                        .filter(X509TrustManager.class::isInstance)
                        .flatMap(m -> Arrays.stream(((X509TrustManager) m).getAcceptedIssuers()))
                        .map(c -> new TrustAnchor(c, null))
                        .collect(Collectors.toUnmodifiableSet());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The JDK's default trust store cannot be read", e);
            }
        }
    }
}
