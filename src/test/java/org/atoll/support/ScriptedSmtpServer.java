package org.atoll.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * An SMTP server on 127.0.0.1 that answers each RCPT TO as a script says, for the failure paths a real server will
 * not produce on demand (a 4xx or 5xx for one recipient). Everything else it accepts.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private volatile Function<String, String> rcptReply = address -> "250 2.1.5 OK";

    public ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How RCPT TO is answered, by the address given. */
    public void answerRcpt(Function<String, String> reply) {
        this.rcptReply = reply;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            write(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> write(out, "250 scripted");
                    case "RCPT" -> {
                        int open = line.indexOf('<');
                        int close = line.indexOf('>');
                        write(out, rcptReply.apply(line.substring(open + 1, close)));
                    }
                    case "DATA" -> {
                        write(out, "354 go ahead");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the message is not kept
                        }
                        write(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        write(out, "221 bye");
                        return;
                    }
                    default -> write(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
