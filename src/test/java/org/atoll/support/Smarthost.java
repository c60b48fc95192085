package org.atoll.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An SMTP server on 127.0.0.1 (GreenMail) standing in for the smarthost Atoll relays outgoing mail to, such as the
 * automatic replies of Out of Office (RFC 3834) to senders outside the server.
 */
public final class Smarthost {

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private Smarthost() {}

    /** A smarthost listening on a free port. */
    public static Smarthost started() {
        Smarthost smarthost = new Smarthost();
        smarthost.smtp.start();
        return smarthost;
    }

    /**
     * Points Atoll at this smarthost, in a context of its own with its own data directory (two contexts sharing one
     * collide).
     */
    public void register(DynamicPropertyRegistry registry, String dataDir) {
        registry.add("atoll.data-dir", () -> dataDir);
        registry.add("atoll.mail.smarthost.host", () -> "127.0.0.1");
        registry.add("atoll.mail.smarthost.port", () -> smtp.getSmtp().getPort());
    }

    /** Every message received so far. */
    public List<MimeMessage> received() {
        return List.of(smtp.getReceivedMessages());
    }

    /** The messages received so far whose first recipient is {@code address}. */
    public List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> firstRecipient(message).equals(address))
                .toList();
    }

    public void purge() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    public void stop() {
        smtp.stop();
    }

    private static String firstRecipient(MimeMessage message) {
        try {
            var recipients = message.getAllRecipients();
            return recipients == null || recipients.length == 0 ? "" : recipients[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }
}
