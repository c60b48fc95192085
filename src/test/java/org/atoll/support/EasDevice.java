package org.atoll.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.atoll.wbxml.WbxmlException;

/** A device speaking ActiveSync 14.1 over real HTTP with WBXML bodies, for session tests. */
public final class EasDevice {

    private static final CodePage P = CodePage.PROVISION;

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String address;
    private final String password;
    private final String deviceId;
    private final String protocolVersion;
    private String deviceType = "SmartPhone";
    private String userAgent = "";
    private long policyKey;

    public EasDevice(int port, String address, String password, String deviceId) {
        this(port, address, password, deviceId, "14.1");
    }

    public EasDevice(int port, String address, String password, String deviceId, String protocolVersion) {
        this.port = port;
        this.address = address;
        this.password = password;
        this.deviceId = deviceId;
        this.protocolVersion = protocolVersion;
    }

    /** Sends this DeviceType from now on instead of {@code SmartPhone}. */
    public EasDevice withDeviceType(String type) {
        this.deviceType = type;
        return this;
    }

    /** Sends this User-Agent header from now on instead of the HTTP client's own. */
    public EasDevice withUserAgent(String agent) {
        this.userAgent = agent;
        return this;
    }

    public long policyKey() {
        return policyKey;
    }

    public void usePolicyKey(long key) {
        this.policyKey = key;
    }

    /** Both phases of Provision; afterwards every command carries the final key. */
    public EasDevice provision() throws Exception {
        WbxmlElement offered = send(
                "Provision",
                WbxmlElement.of(P, "Provision")
                        .add(WbxmlElement.of(P, "Policies")
                                .add(WbxmlElement.of(P, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML"))));
        String temporary = policy(offered).text("PolicyKey").orElseThrow();
        WbxmlElement acknowledged = send(
                "Provision",
                WbxmlElement.of(P, "Provision")
                        .add(WbxmlElement.of(P, "Policies")
                                .add(WbxmlElement.of(P, "Policy")
                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML")
                                        .add("PolicyKey", temporary)
                                        .add("Status", "1"))));
        policyKey = Long.parseLong(policy(acknowledged).text("PolicyKey").orElseThrow());
        return this;
    }

    public WbxmlElement folderSync(String syncKey) throws Exception {
        return send(
                "FolderSync",
                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", syncKey));
    }

    public WbxmlElement send(String command, WbxmlElement body) throws Exception {
        HttpResponse<byte[]> response = post(command, new WbxmlEncoder().encode(body));
        assertThat(response.statusCode()).as("HTTP status of %s", command).isEqualTo(200);
        return decode(response.body());
    }

    public HttpResponse<byte[]> post(String command, byte[] body) throws Exception {
        return post(command, "", "application/vnd.ms-sync.wbxml", body);
    }

    /**
     * Posts a body of any type with more query parameters, e.g. a 12.1 SendMail: {@code "&SaveInSent=T"} and
     * {@code message/rfc822}.
     */
    public HttpResponse<byte[]> post(String command, String moreQuery, String contentType, byte[] body)
            throws Exception {
        return http.send(request(command, moreQuery, contentType, body), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request that may be parked (Ping, hanging Sync); the future completes with the HTTP response. */
    public CompletableFuture<HttpResponse<byte[]>> postAsync(String command, byte[] body) {
        return http.sendAsync(
                request(command, "", "application/vnd.ms-sync.wbxml", body), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Like {@link #postAsync}, expecting HTTP 200 with a WBXML body. */
    public CompletableFuture<WbxmlElement> sendAsync(String command, WbxmlElement body) {
        return postAsync(command, new WbxmlEncoder().encode(body)).thenApply(response -> {
            assertThat(response.statusCode()).as("HTTP status of %s", command).isEqualTo(200);
            try {
                return decode(response.body());
            } catch (WbxmlException e) {
                throw new AssertionError("Undecodable " + command + " response", e);
            }
        });
    }

    private HttpRequest request(String command, String moreQuery, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/Microsoft-Server-ActiveSync?Cmd=" + command + "&User=" + address + "&DeviceId="
                        + deviceId + "&DeviceType=" + deviceType + moreQuery))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((address + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("MS-ASProtocolVersion", protocolVersion)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (policyKey != 0) {
            request.header("X-MS-PolicyKey", Long.toString(policyKey));
        }
        if (!userAgent.isEmpty()) {
            request.header("User-Agent", userAgent);
        }
        return request.build();
    }

    private static WbxmlElement decode(byte[] body) throws WbxmlException {
        return new WbxmlDecoder().decode(body);
    }

    private static WbxmlElement policy(WbxmlElement provision) {
        return provision.child("Policies").orElseThrow().child("Policy").orElseThrow();
    }
}
