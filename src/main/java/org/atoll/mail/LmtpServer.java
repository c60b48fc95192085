package org.atoll.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Invitations;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The LMTP listener (RFC 2033) through which an MTA such as Postfix delivers incoming mail into the store. Off unless
 * {@code atoll.mail.lmtp.port} is set; bound to the loopback by default.
 *
 * <p>Written here rather than taken from a library: the maintained Java SMTP server libraries answer DATA once per
 * message, while LMTP needs one reply per recipient after DATA (RFC 2033 section 4.2), and the protocol is small. Each
 * session runs on a virtual thread with the limits of {@link MailProperties.Lmtp}: line length, message size,
 * recipients, connections and idle time.
 */
@Component
public class LmtpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LmtpServer.class);

    private final MailProperties.Lmtp settings;
    private final String hostname;
    private final Accounts accounts;
    private final Invitations inboxes;
    private final DeliveryMeter deliveryMeter;
    private final OutOfOffice outOfOffice;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Semaphore sessions;
    private @Nullable ServerSocket server;

    LmtpServer(
            MailProperties properties,
            Accounts accounts,
            Invitations inboxes,
            DeliveryMeter deliveryMeter,
            OutOfOffice outOfOffice) {
        this.deliveryMeter = deliveryMeter;
        this.outOfOffice = outOfOffice;
        this.settings = properties.lmtp();
        this.hostname = properties.hostname();
        this.accounts = accounts;
        this.inboxes = inboxes;
        this.sessions = new Semaphore(settings.maxConnections());
    }

    /** The port the listener is bound to, or 0 when it is off. */
    public synchronized int port() {
        return server == null ? 0 : server.getLocalPort();
    }

    @Override
    public synchronized void start() {
        if (settings.port() == 0 || server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(settings.address()), Math.max(settings.port(), 0)));
            server = socket;
            Thread.ofVirtual().name("lmtp-accept").start(() -> accept(socket));
            log.info("LMTP listening on {}:{}", settings.address(), socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("LMTP cannot listen on " + settings.address() + ":" + settings.port(), e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("LMTP accept failed", e);
                }
                continue;
            }
            if (!sessions.tryAcquire()) {
                refuse(client);
                continue;
            }
            open.add(client);
            Thread.ofVirtual().name("lmtp-session").start(() -> {
                try (client) {
                    client.setSoTimeout((int)
                            Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
                    new LmtpSession(
                                    client.getInputStream(),
                                    client.getOutputStream(),
                                    settings,
                                    hostname,
                                    accounts,
                                    inboxes,
                                    deliveryMeter,
                                    outOfOffice)
                            .run();
                } catch (IOException e) {
                    log.debug("LMTP session ended: {}", e.toString());
                } finally {
                    open.remove(client);
                    sessions.release();
                }
            });
        }
    }

    private static void refuse(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            out.write("421 4.3.2 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            log.debug("Could not refuse an LMTP connection politely: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log.debug("Closing the LMTP listener: {}", e.toString());
        }
        server = null;
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("Closing an LMTP session: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }
}
