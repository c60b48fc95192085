package org.atoll.eas.command;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.atoll.eas.message.ComposeMailMessage;

/**
 * The 16.x form of SmartForward (MS-ASCMD 2.2.3.169): instead of a Mime element the device names the recipients in
 * Forwardees (2.2.3.79; each Forwardee with Email and optional Name, 2.2.3.78) and its own text in an AirSyncBase
 * Body; the server writes the message, to which the original is then added as to any forward. Exchange defines it
 * for forwarding meeting invitations; here any item may be forwarded this way.
 */
final class Forwardees {

    private static final Session SESSION = Session.getInstance(new Properties());

    private Forwardees() {}

    /**
     * @param subject the original's subject, which the forward's takes after {@code FW: }
     * @throws IllegalArgumentException when a forwardee's address does not parse or there is none
     */
    static byte[] message(ComposeMailMessage.Forward forward, Optional<String> subject) {
        try {
            List<InternetAddress> to = new ArrayList<>();
            for (ComposeMailMessage.Forwardee forwardee : forward.forwardees()) {
                InternetAddress address = new InternetAddress(forwardee.email(), true);
                Optional<String> name = Optional.ofNullable(forwardee.name())
                        .map(DraftMime::withoutControls)
                        .filter(n -> !n.isBlank());
                if (name.isPresent()) {
                    address.setPersonal(name.get(), "UTF-8");
                }
                to.add(address);
            }
            if (to.isEmpty()) {
                throw new IllegalArgumentException("Forwardees without a Forwardee");
            }
            MimeMessage message = new MimeMessage(SESSION);
            message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            message.setSubject("FW: " + subject.orElse(""), "UTF-8");
            message.setText(forward.text(), "UTF-8", forward.html() ? "html" : "plain");
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Not an address: " + e.getMessage(), e);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("Not writable as MIME: " + e.getMessage(), e);
        }
    }
}
