package org.atoll.eas;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sizes the HTTP connector for thousands of parked requests (Ping, hanging Sync): each open connection keeps its
 * own socket buffers and request and response buffers for as long as it is parked, up to an hour, so those
 * buffers, not threads, are what Direct Push costs. Larger requests and responses still pass, in more reads and
 * writes. Connections closed after a burst keep their buffers in a pool only up to {@link #POOLED_CHANNELS}, so
 * the memory of a reconnect storm is given back.
 */
@Component
class ParkedConnections implements TomcatConnectorCustomizer {

    /** The socket read buffer of a connection; a Ping with its headers fits in one read (Tomcat default 8 KB). */
    static final int READ_BUFFER_BYTES = 4096;

    /** The socket write buffer of a connection (Tomcat default 8 KB); a Ping's answer is a few dozen bytes. */
    static final int WRITE_BUFFER_BYTES = 4096;

    /** Closed connections whose buffers are kept for reuse (Tomcat default: a share of the heap, thousands). */
    static final int POOLED_CHANNELS = 500;

    @Override
    public void customize(Connector connector) {
        connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
        connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
        connector.setProperty("socket.bufferPool", Integer.toString(POOLED_CHANNELS));
    }
}
