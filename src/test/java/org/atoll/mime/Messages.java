package org.atoll.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Test messages written as text blocks with LF line ends, sent with CRLF as on the wire. */
final class Messages {

    private Messages() {}

    static byte[] crlf(String text) {
        return crlf(text, StandardCharsets.UTF_8);
    }

    static byte[] crlf(String text, Charset charset) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(charset);
    }
}
