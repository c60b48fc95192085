package org.atoll.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.stereotype.Component;

/**
 * Hands one queued message to the smarthost with Angus Mail's SMTP transport. Angus writes the message with CR LF
 * line ends and dot-stuffing (RFC 5321 section 4.5.2); the queue holds only CR LF normalized messages and envelope
 * addresses checked for command-breaking characters, checked here once more.
 */
@Component
class SmtpRelay {

    /** What became of each recipient of one attempt. */
    record Result(List<String> delivered, Map<String, String> temporary, Map<String, String> permanent) {}

    private final MailProperties properties;

    SmtpRelay(MailProperties properties) {
        this.properties = properties;
    }

    Result send(String sender, List<String> recipients, byte[] content) {
        MailProperties.Smarthost smarthost = properties.smarthost();
        if (smarthost.host() == null || smarthost.host().isBlank()) {
            return allFailed(recipients, "no smarthost is configured for mail to other servers", true);
        }
        List<String> checked = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (String recipient : recipients) {
            if (MimeMessages.envelopeAddress(recipient)) {
                checked.add(recipient);
            } else {
                refused.put(recipient, "not an address mail can be sent to");
            }
        }
        if (checked.isEmpty()) {
            return new Result(List.of(), Map.of(), refused);
        }
        Session session = Session.getInstance(sessionProperties(smarthost, sender));
        try (Transport transport = session.getTransport("smtp")) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(content));
            transport.connect(smarthost.host(), smarthost.port(), smarthost.username(), smarthost.password());
            Address[] to = new Address[checked.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(checked.get(i), false);
            }
            transport.sendMessage(message, to);
            return new Result(checked, Map.of(), refused);
        } catch (SendFailedException e) {
            return partial(e, checked, refused);
        } catch (MessagingException e) {
            boolean permanent = e instanceof SMTPSendFailedException smtp && smtp.getReturnCode() >= 500;
            Result failed = allFailed(checked, describe(e), permanent);
            Map<String, String> permanentAll = new LinkedHashMap<>(failed.permanent());
            permanentAll.putAll(refused);
            return new Result(List.of(), failed.temporary(), permanentAll);
        }
    }

    /** Angus reports which recipients were refused, with which reply, when it was told to send partially. */
    private static Result partial(SendFailedException e, List<String> recipients, Map<String, String> refused) {
        Map<String, String> temporary = new LinkedHashMap<>();
        Map<String, String> permanent = new LinkedHashMap<>(refused);
        Exception next = e;
        while (next != null) {
            if (next instanceof SMTPAddressFailedException failed) {
                String address = failed.getAddress().getAddress();
                (failed.getReturnCode() >= 500 ? permanent : temporary).put(address, describe(failed));
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        List<String> delivered = new ArrayList<>();
        Address[] sent = e.getValidSentAddresses();
        if (sent != null) {
            for (Address address : sent) {
                delivered.add(((InternetAddress) address).getAddress());
            }
        }
        for (String recipient : recipients) {
            if (!delivered.contains(recipient) && !permanent.containsKey(recipient)) {
                temporary.putIfAbsent(recipient, describe(e));
            }
        }
        return new Result(delivered, temporary, permanent);
    }

    private static Result allFailed(List<String> recipients, String reason, boolean permanent) {
        Map<String, String> failed = new LinkedHashMap<>();
        recipients.forEach(r -> failed.put(r, reason));
        return permanent ? new Result(List.of(), Map.of(), failed) : new Result(List.of(), failed, Map.of());
    }

    /** The server's reply where there is one; never the credentials, which no exception of Angus carries. */
    private static String describe(MessagingException e) {
        if (e instanceof SMTPAddressFailedException failed) {
            return failed.getReturnCode() + " " + failed.getMessage().strip();
        }
        if (e instanceof SMTPSendFailedException failed) {
            return failed.getReturnCode() + " " + failed.getMessage().strip();
        }
        String cause =
                e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")";
        return e.getClass().getSimpleName() + ": " + e.getMessage() + cause;
    }

    private Properties sessionProperties(MailProperties.Smarthost smarthost, String sender) {
        Properties props = new Properties();
        String timeout = Long.toString(smarthost.timeout().toMillis());
        props.setProperty("mail.smtp.connectiontimeout", timeout);
        props.setProperty("mail.smtp.timeout", timeout);
        props.setProperty("mail.smtp.writetimeout", timeout);
        props.setProperty("mail.smtp.localhost", properties.hostname());
        props.setProperty("mail.smtp.from", sender);
        props.setProperty("mail.smtp.sendpartial", "true");
        props.setProperty("mail.smtp.auth", Boolean.toString(smarthost.username() != null));
        props.setProperty("mail.smtp.starttls.enable", Boolean.toString(smarthost.starttls()));
        props.setProperty("mail.smtp.starttls.required", Boolean.toString(smarthost.starttls()));
        props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return props;
    }
}
