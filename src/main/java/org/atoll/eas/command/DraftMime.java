package org.atoll.eas.command;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/**
 * The MIME message a draft Add's ApplicationData describes (MS-ASEMAIL To, Cc, Subject, Importance, Email2 Bcc,
 * AirSyncBase Body). Angus Mail writes the headers, so no value a device sends can add a header line of its own.
 */
final class DraftMime {

    private static final Session SESSION = Session.getInstance(new Properties());

    private DraftMime() {}

    /** @throws IllegalArgumentException when an address list or the body cannot be written as MIME */
    static byte[] of(WbxmlElement data, Clock clock) {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            recipients(message, Message.RecipientType.TO, data.text(CodePage.EMAIL, "To"));
            recipients(message, Message.RecipientType.CC, data.text(CodePage.EMAIL, "Cc"));
            recipients(message, Message.RecipientType.BCC, data.text(CodePage.EMAIL2, "Bcc"));
            message.setSubject(data.text(CodePage.EMAIL, "Subject").orElse(""), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            data.text(CodePage.EMAIL, "Importance").ifPresent(importance -> {
                try {
                    message.setHeader(
                            "Importance",
                            switch (importance) {
                                case "0" -> "low";
                                case "2" -> "high";
                                default -> "normal";
                            });
                } catch (MessagingException e) {
                    throw new IllegalArgumentException(e);
                }
            });
            Optional<WbxmlElement> body = data.child(CodePage.AIRSYNCBASE, "Body");
            String text = body.flatMap(b -> b.text("Data")).orElse("");
            boolean html = body.flatMap(b -> b.text("Type")).map("2"::equals).orElse(false);
            message.setText(text, "UTF-8", html ? "html" : "plain");
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("Not writable as MIME: " + e.getMessage(), e);
        }
    }

    private static void recipients(MimeMessage message, Message.RecipientType type, Optional<String> list)
            throws MessagingException {
        if (list.isPresent() && !list.get().isBlank()) {
            try {
                message.setRecipients(type, InternetAddress.parse(list.get(), true));
            } catch (AddressException e) {
                throw new IllegalArgumentException("Not an address list: " + e.getMessage(), e);
            }
        }
    }
}
