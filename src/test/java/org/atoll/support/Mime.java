package org.atoll.support;

import java.nio.charset.StandardCharsets;

/** Small raw messages for store tests. */
public final class Mime {

    private Mime() {}

    public static byte[] message(String subject) {
        return message(subject, "<" + java.util.UUID.randomUUID() + "@atoll.test>", null);
    }

    public static byte[] message(String subject, String messageId, String inReplyTo) {
        String text = "From: Ana Example <ana@example.org>\r\n"
                + "To: Bo Example <bo@example.net>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Hello, this is " + subject + ".\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A plain-text message of about {@code size} bytes of ASCII lines. */
    public static byte[] large(String subject, int size) {
        StringBuilder text = new StringBuilder(new String(message(subject), StandardCharsets.US_ASCII));
        String line = "All work and no play makes a large message; " + subject + ".\r\n";
        while (text.length() < size) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
