package org.atoll.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HTTP/1.1 client for thousands of long-held requests on one thread: each request gets its own connection,
 * written at once, then one selector waits for all answers. {@link PushBenchmark} runs it in a process of its own
 * ({@link ParkingClientProcess}), so that neither its sockets nor its heap count against the server's.
 */
final class ParkingClient implements AutoCloseable {

    /** One answer: when its last byte arrived ({@link System#nanoTime}), the status code and the body. */
    record Answer(long arrivedNanos, int status, byte[] body) {}

    /** How many source addresses (127.0.0.2 and up) the connections are spread over. */
    private static final int SOURCE_ADDRESSES = 50;

    private final InetSocketAddress server;
    private int sent;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Exchange> registering = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean open = true;

    ParkingClient(int port) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.selector = Selector.open();
        this.loop = Thread.ofPlatform().name("parking-client").daemon(true).start(this::run);
    }

    /**
     * Opens a connection, writes the whole request and returns the answer to come. Connections come from
     * {@link #SOURCE_ADDRESSES} addresses of the loopback range in turn, so that tens of thousands of them in a few
     * minutes, with the closed ones in TIME_WAIT, do not run out of one address's ephemeral ports.
     */
    CompletableFuture<Answer> send(byte[] request) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.bind(new InetSocketAddress("127.0.0." + (2 + sent++ % SOURCE_ADDRESSES), 0));
        channel.connect(server);
        ByteBuffer out = ByteBuffer.wrap(request);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        channel.configureBlocking(false);
        Exchange exchange = new Exchange(channel);
        registering.add(exchange);
        selector.wakeup();
        return exchange.answer;
    }

    static byte[] request(String method, String target, int port, String headers, byte[] body) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (open) {
                selector.select(100);
                Exchange next;
                while ((next = registering.poll()) != null) {
                    next.channel.register(selector, SelectionKey.OP_READ, next);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Exchange exchange = (Exchange) key.attachment();
                    buffer.clear();
                    int read;
                    try {
                        read = exchange.channel.read(buffer);
                    } catch (IOException e) {
                        exchange.fail(e);
                        key.cancel();
                        continue;
                    }
                    if (read < 0) {
                        exchange.fail(new IOException("closed before the answer was complete"));
                        key.cancel();
                        continue;
                    }
                    buffer.flip();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    if (exchange.received(bytes, System.nanoTime())) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        selector.wakeup();
        loop.join();
    }

    private static final class Exchange {
        final SocketChannel channel;
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        ByteArrayOutputStream in;

        Exchange(SocketChannel channel) {
            this.channel = channel;
        }

        /** Adds bytes; true when the answer is complete (the connection is then closed). */
        boolean received(byte[] bytes, long now) {
            if (in == null) {
                in = new ByteArrayOutputStream(512);
            }
            in.writeBytes(bytes);
            byte[] all = in.toByteArray();
            int headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (headEnd < 0) {
                return false;
            }
            String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Integer.parseInt(value);
                    } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                        chunked = true;
                    }
                }
            }
            int bodyStart = headEnd + 4;
            byte[] body;
            if (chunked) {
                int end = indexOf(all, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (end < 0) {
                    return false;
                }
                body = new byte[0];
            } else {
                if (all.length - bodyStart < length) {
                    return false;
                }
                body = java.util.Arrays.copyOfRange(all, bodyStart, bodyStart + length);
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // the answer is complete; a failing close changes nothing about it
            }
            answer.complete(new Answer(now, status, body));
            return true;
        }

        void fail(IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
            answer.completeExceptionally(e);
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
