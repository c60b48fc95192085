package org.atoll.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The small, careful steps between raw bytes and Angus Mail's messages that every path of this module shares. */
final class MimeMessages {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeMessages() {}

    /** Parses a message; Angus is lenient, so this fails only on bytes it cannot read as headers and a body. */
    static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    static byte[] bytes(MimeMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("A message built here could not be written", e);
        }
        return out.toByteArray();
    }

    /**
     * Ends every line with CR LF: a bare LF or a bare CR becomes CR LF. SMTP allows nothing else (RFC 5321 section
     * 2.3.8), and a bare line ending next to a dot is how a message smuggles a second one past a relay.
     */
    static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 50 + 2);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /**
     * A value fit for one header line: CR, LF and other control characters become spaces, so that text taken from
     * a message (a decoded subject) can never start a header of its own.
     */
    static String headerText(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().strip();
    }

    /**
     * Whether an address may stand in an SMTP envelope ({@code MAIL FROM:<...>}, {@code RCPT TO:<...>}): a dot-atom
     * local part and a domain of printable ASCII without the characters that end or split a command. Quoted local
     * parts and internationalized addresses are not accepted.
     */
    static boolean envelopeAddress(String address) {
        int at = address.lastIndexOf('@');
        if (address.length() > 254 || at < 1 || at == address.length() - 1 || at > 64) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean atom = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
            if (!atom && !(c == '@' && i == at)) {
                return false;
            }
        }
        return !address.startsWith(".") && !address.contains("..") && !address.contains(".@");
    }
}
