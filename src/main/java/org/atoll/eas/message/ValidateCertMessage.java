package org.atoll.eas.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/**
 * ValidateCert (MS-ASCMD 2.2.1.22): the request carries certificates to check, a chain to help, and CheckCRL; the
 * response one Status per certificate.
 */
public final class ValidateCertMessage
        implements EasMessage<ValidateCertMessage.Request, ValidateCertMessage.Response> {

    /** ValidateCert Status values, MS-ASCMD 2.2.3.177.18. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        SIGNATURE_NOT_VALIDATED(3),
        UNTRUSTED_SOURCE(4),
        CHAIN_NOT_CREATED(5),
        NOT_FOR_EMAIL(6),
        EXPIRED(7),
        INCONSISTENT_VALIDITY(8),
        CHAIN_USED_INCORRECTLY(9),
        REVOCATION_UNDETERMINED(16),
        SERVER_ERROR(17);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /**
     * @param certificates the certificates to check, each as the base64 text sent (empty for an empty element)
     * @param chain the certificates of CertificateChain, the same way
     * @param checkCrl CheckCRL 1
     */
    public record Request(List<String> certificates, List<String> chain, boolean checkCrl) {}

    /** Status 1 and one Status per certificate, in the order of the request. */
    public record Response(List<Status> certificates) {}

    private static final CodePage V = CodePage.VALIDATE_CERT;

    private final int maxCertificates;

    /** @param maxCertificates the most certificates, Certificates and CertificateChain together, one request holds */
    public ValidateCertMessage(int maxCertificates) {
        this.maxCertificates = maxCertificates;
    }

    /** A request without a certificate, with more than the limit, or with a CheckCRL other than 0 or 1 is Status 2. */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != V || !document.name().equals("ValidateCert")) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        List<String> certificates = certificates(document, "Certificates");
        List<String> chain = certificates(document, "CertificateChain");
        Optional<String> checkCrl = document.text(V, "CheckCRL");
        if (certificates.isEmpty()
                || certificates.size() + chain.size() > maxCertificates
                || checkCrl.filter(v -> !v.equals("0") && !v.equals("1")).isPresent()) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        return new Request(certificates, chain, checkCrl.orElse("0").equals("1"));
    }

    /** Each Certificate's base64 DER, sent as a string or as opaque data holding the base64 text. */
    private static List<String> certificates(WbxmlElement document, String list) {
        return document.child(V, list).map(c -> c.children(V, "Certificate")).orElse(List.of()).stream()
                .map(element -> element.text()
                        .or(() -> element.opaque().map(bytes -> new String(bytes, StandardCharsets.US_ASCII)))
                        .orElse(""))
                .toList();
    }

    @Override
    public WbxmlElement write(Response response) {
        WbxmlElement document = refused(Status.SUCCESS.code());
        for (Status status : response.certificates()) {
            document.add(WbxmlElement.of(V, "Certificate").add("Status", Integer.toString(status.code())));
        }
        return document;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(V, "ValidateCert").add("Status", Integer.toString(status));
    }
}
