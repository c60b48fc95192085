package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Connector;
import org.atoll.support.AtollTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The HTTP connector as sized for parked requests: small buffers per connection, request headers up to 4 KB. */
@AtollTest
class ParkedConnectionsTest {

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void connectorShouldUseTheSmallBuffersForEachConnection() {
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appReadBufSize"))
                .hasToString(Integer.toString(ParkedConnections.READ_BUFFER_BYTES));
        assertThat(connector.getProperty("socket.appWriteBufSize"))
                .hasToString(Integer.toString(ParkedConnections.WRITE_BUFFER_BYTES));
        assertThat(connector.getProperty("socket.bufferPool"))
                .hasToString(Integer.toString(ParkedConnections.POOLED_CHANNELS));
        assertThat(connector.getProperty("maxHttpRequestHeaderSize")).hasToString("4096");
        assertThat(connector.getProtocolHandler().getDesiredBufferSize())
                .isEqualTo(ParkedConnections.RESPONSE_BUFFER_BYTES);
    }

    @Test
    void connectionsBetweenRequestsShouldTimeOutWithinAMinuteWhileParkedRequestsWaitTheirHeartbeat() {
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat((Integer) connector.getProperty("keepAliveTimeout")).isBetween(1, 60_000);
        assertThat((Integer) connector.getProperty("connectionTimeout")).isBetween(1, 60_000);
        assertThat(connector.getProtocolHandler()).isInstanceOf(ParkedConnections.SmallBufferProtocol.class);
    }

    @Test
    void responseLargerThanTheResponseBufferShouldArriveWhole() throws Exception {
        String request = "GET /openapi.yaml HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);

            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(body.length()).isGreaterThan(4 * ParkedConnections.RESPONSE_BUFFER_BYTES);
            assertThat(body.stripTrailing()).endsWith(tail(openapi()));
        }
    }

    @Test
    void requestHeadersJustUnder4KilobytesShouldBeServed() throws Exception {
        assertThat(statusOfHealthWithHeaderOf(4096 - 200)).isEqualTo(200);
    }

    @Test
    void requestHeadersOver4KilobytesShouldGetHttp400() throws Exception {
        assertThat(statusOfHealthWithHeaderOf(4097)).isEqualTo(400);
    }

    private static String openapi() throws Exception {
        try (InputStream in = ParkedConnectionsTest.class.getResourceAsStream("/openapi/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String tail(String text) {
        String stripped = text.stripTrailing();
        return stripped.substring(stripped.length() - 200);
    }

    /** The HTTP status of a GET of the health endpoint carrying one header of about {@code bytes} bytes. */
    private int statusOfHealthWithHeaderOf(int bytes) throws Exception {
        String request = "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Padding: "
                + "a".repeat(bytes) + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
