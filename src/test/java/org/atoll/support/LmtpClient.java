package org.atoll.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain LMTP client over a real socket: sends exactly the bytes given, reads replies line by line. */
public final class LmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public LmtpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** One reply, continuation lines joined by newlines. */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return reply.append("<closed>").toString();
            }
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
            reply.append('\n');
        }
    }

    /** Sends a command line (CR LF added) and reads its reply. */
    public String command(String line) throws IOException {
        send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return reply();
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends message data as given (already dot-stuffed, ending in CR LF . CR LF) and reads {@code count} replies. */
    public List<String> data(byte[] stuffed, int count) throws IOException {
        send(stuffed);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(reply());
        }
        return replies;
    }

    /** Greets, opens a transaction for the recipients and sends DATA; returns the replies after the data. */
    public List<String> deliver(String from, List<String> to, String stuffedMessage) throws IOException {
        command("MAIL FROM:<" + from + ">");
        int accepted = 0;
        for (String recipient : to) {
            if (command("RCPT TO:<" + recipient + ">").startsWith("250")) {
                accepted++;
            }
        }
        command("DATA");
        return data((stuffedMessage + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8), accepted);
    }

    /**
     * One message to one recipient over a connection of its own, as an MTA hands it over: greeting, LHLO, the
     * transaction and the data, dot-stuffed here. Returns the recipient's reply to the data.
     */
    public static String deliverOne(int port, String from, String to, String message) throws IOException {
        try (LmtpClient mta = new LmtpClient(port)) {
            mta.reply();
            mta.command("LHLO mta.example.org");
            String stuffed = message.replace("\r\n.", "\r\n..");
            if (stuffed.endsWith("\r\n")) {
                stuffed = stuffed.substring(0, stuffed.length() - 2);
            }
            return mta.deliver(from, List.of(to), stuffed).stream().findFirst().orElse("<refused>");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
