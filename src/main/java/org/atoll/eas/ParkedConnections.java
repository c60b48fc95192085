package org.atoll.eas;

import java.io.IOException;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sizes the HTTP connector for thousands of parked requests (Ping, hanging Sync): each open connection keeps its
 * own socket buffers and request and response buffers for as long as it is parked, up to an hour, so those
 * buffers, not threads, are what Direct Push costs. Larger requests and responses still pass, in more reads and
 * writes. Connections closed after a burst keep their buffers in a pool only up to {@link #POOLED_CHANNELS}, so
 * the memory of a reconnect storm is given back.
 *
 * <p>Only a parked request keeps its connection long. Tomcat (NIO) applies {@code server.tomcat.keep-alive-timeout}
 * to a connection waiting for its next request and {@code server.tomcat.connection-timeout} to every pause while a
 * request arrives, but neither to a request in Servlet async processing, which ends only with its own timeout (the
 * heartbeat plus a grace). A pause-based timeout alone does not stop a client that sends its headers a byte at a
 * time, so a request's line and headers must also arrive whole within the connection timeout, counted from their
 * first byte; a connection that takes longer is closed.
 */
@Component
class ParkedConnections implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** The socket read buffer of a connection; a Ping with its headers fits in one read (Tomcat default 8 KB). */
    static final int READ_BUFFER_BYTES = 4096;

    /** The socket write buffer of a connection (Tomcat default 8 KB); a Ping's answer is a few dozen bytes. */
    static final int WRITE_BUFFER_BYTES = 4096;

    /**
     * What a response buffers before it is written, once in bytes and once in chars (Tomcat default 8 KB, so 24 KB
     * per connection); a larger body is written in parts.
     */
    static final int RESPONSE_BUFFER_BYTES = 4096;

    /** Closed connections whose buffers are kept for reuse (Tomcat default: a share of the heap, thousands). */
    static final int POOLED_CHANNELS = 500;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(SmallBufferProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
            connector.setProperty("socket.bufferPool", Integer.toString(POOLED_CHANNELS));
        });
    }

    /** HTTP/1.1 over NIO, asking for response buffers of {@link #RESPONSE_BUFFER_BYTES}; Tomcat creates it by name. */
    public static final class SmallBufferProtocol extends Http11NioProtocol {

        @Override
        public int getDesiredBufferSize() {
            return RESPONSE_BUFFER_BYTES;
        }

        @Override
        protected Processor createProcessor() {
            return new HeaderDeadlineProcessor(this);
        }
    }

    /**
     * Closes a connection whose request line and headers are still incomplete {@link AbstractProtocol#getConnectionTimeout()}
     * after their first byte arrived. Tomcat keeps the processor of a request whose headers are incomplete
     * ({@link SocketState#LONG} without async processing) and calls it again as more bytes arrive, so the deadline
     * is checked on every byte; a client that sends nothing meanwhile is closed by the connection timeout itself.
     */
    static final class HeaderDeadlineProcessor extends Http11Processor {
        private final AbstractHttp11Protocol<?> protocol;
        private @Nullable SocketWrapperBase<?> connection;
        private long headersSince;

        HeaderDeadlineProcessor(AbstractHttp11Protocol<?> protocol) {
            super(protocol, protocol.getAdapter());
            this.protocol = protocol;
        }

        @Override
        public SocketState service(SocketWrapperBase<?> socket) throws IOException {
            SocketState state = super.service(socket);
            if (state != SocketState.LONG || isAsync() || isUpgrade()) {
                connection = null;
                return state;
            }
            long now = System.nanoTime();
            if (connection != socket) {
                connection = socket;
                headersSince = now;
                return state;
            }
            if (now - headersSince > protocol.getConnectionTimeout() * 1_000_000L) {
                connection = null;
                return SocketState.CLOSED;
            }
            return state;
        }
    }
}
