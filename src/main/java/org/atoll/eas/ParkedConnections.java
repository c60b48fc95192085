package org.atoll.eas;

import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sizes the HTTP connector for thousands of parked requests (Ping, hanging Sync): each open connection keeps its
 * own socket buffers and request and response buffers for as long as it is parked, up to an hour, so those
 * buffers, not threads, are what Direct Push costs. Larger requests and responses still pass, in more reads and
 * writes. Connections closed after a burst keep their buffers in a pool only up to {@link #POOLED_CHANNELS}, so
 * the memory of a reconnect storm is given back.
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
    }
}
