package org.atoll.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Non-delivery reports (RFC 3464, {@code multipart/report; report-type=delivery-status}): a readable explanation,
 * the machine-readable status per recipient, and the headers of the message that failed. Every value taken from
 * the failed message is made a single line before it enters a header.
 */
@Component
class NonDeliveryReports {

    private final MailProperties properties;
    private final Clock clock;

    NonDeliveryReports(MailProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    byte[] build(String sender, Map<String, String> failures, byte[] original) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(original));
            String subject = headers.getHeader("Subject", " ");
            String decodedSubject = subject == null ? "" : MimeMessages.headerText(decode(subject));

            StringBuilder text = new StringBuilder("Your message could not be delivered to these recipients:\r\n\r\n");
            failures.forEach((recipient, why) -> text.append("  ")
                    .append(recipient)
                    .append(": ")
                    .append(MimeMessages.headerText(why))
                    .append("\r\n"));
            text.append("\r\nSubject of your message: ").append(decodedSubject).append("\r\n");
            MimeBodyPart explanation = new MimeBodyPart();
            explanation.setText(text.toString(), "utf-8");

            StringBuilder status = new StringBuilder()
                    .append("Reporting-MTA: dns; ")
                    .append(properties.hostname())
                    .append("\r\n");
            failures.forEach((recipient, why) -> status.append("\r\nFinal-Recipient: rfc822; ")
                    .append(recipient)
                    .append("\r\nAction: failed\r\nStatus: ")
                    .append(statusCode(why))
                    .append("\r\nDiagnostic-Code: smtp; ")
                    .append(MimeMessages.headerText(why))
                    .append("\r\n"));
            InternetHeaders statusHeaders = new InternetHeaders();
            statusHeaders.setHeader("Content-Type", "message/delivery-status");
            MimeBodyPart deliveryStatus =
                    new MimeBodyPart(statusHeaders, status.toString().getBytes(StandardCharsets.US_ASCII));

            InternetHeaders returnedHeaders = new InternetHeaders();
            returnedHeaders.setHeader("Content-Type", "text/rfc822-headers");
            MimeBodyPart returned = new MimeBodyPart(returnedHeaders, headerBlock(original));

            MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
            report.addBodyPart(explanation);
            report.addBodyPart(deliveryStatus);
            report.addBodyPart(returned);

            MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
            message.setFrom(
                    new InternetAddress("MAILER-DAEMON@" + properties.hostname(), "Mail Delivery System", "UTF-8"));
            message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(sender, false));
            message.setSubject("Undeliverable: " + decodedSubject, "utf-8");
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader("Date", new MailDateFormat().format(Date.from(clock.instant())));
            message.setContent(report);
            message.saveChanges();
            message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + properties.hostname() + ">");
            return MimeMessages.bytes(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("A non-delivery report could not be built", e);
        }
    }

    private static String decode(String value) {
        try {
            return jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(value));
        } catch (IOException e) {
            return value;
        }
    }

    /** The enhanced status code (RFC 3463) from the reply where it has one, else a generic permanent failure. */
    private static String statusCode(String why) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b")
                .matcher(why);
        return m.find() && m.group(1).startsWith("5") ? m.group(1) : "5.0.0";
    }

    private static byte[] headerBlock(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return java.util.Arrays.copyOf(message, i + 2);
            }
        }
        return message;
    }
}
