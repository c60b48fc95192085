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
}
