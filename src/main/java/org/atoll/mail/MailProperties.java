package org.atoll.mail;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of mail flow ({@code atoll.mail.*}).
 *
 * @param hostname the name this server gives itself in LMTP greetings, Message-IDs and non-delivery reports
 * @param foreignFrom what to do with a submitted message whose From names another address than the account's
 * @param smarthost the SMTP server that takes mail for recipients without an account here
 * @param outbound the queue worker's pace and patience
 * @param lmtp the LMTP listener an MTA delivers incoming mail through
 * @param sendLimits how much one account may send through SendMail, SmartReply and SmartForward
 */
@ConfigurationProperties("atoll.mail")
record MailProperties(
        @DefaultValue("localhost") String hostname,
        @DefaultValue("REWRITE") ForeignFrom foreignFrom,
        @DefaultValue Smarthost smarthost,
        @DefaultValue Outbound outbound,
        @DefaultValue Lmtp lmtp,
        @DefaultValue SendLimits sendLimits) {

    /** A From header naming another address than the sending account's. */
    public enum ForeignFrom {
        /** Refuse the submission; nothing is sent. */
        REFUSE,
        /** Replace the From with the account's address and send. */
        REWRITE
    }

    /**
     * @param host the smarthost's name or address; without one, mail for other servers fails at once with a
     *     non-delivery report
     * @param port its SMTP submission port
     * @param username the login, or none to send without authentication
     * @param password the password of that login; never logged
     * @param starttls whether to require STARTTLS before authenticating and sending
     * @param timeout connect, read and write timeout of one attempt
     */
    public record Smarthost(
            @Nullable String host,
            @DefaultValue("25") int port,
            @Nullable String username,
            @Nullable String password,
            boolean starttls,
            @DefaultValue("60s") Duration timeout) {

        @Override
        public String toString() {
            return "Smarthost[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password == null ? "none" : "(set)") + ", starttls=" + starttls + ", timeout=" + timeout + "]";
        }
    }

    /**
     * @param workerEnabled whether this node runs the queue worker on a schedule (every node may; rows are claimed
     *     with {@code FOR UPDATE SKIP LOCKED})
     * @param pollInterval pause between two runs of the worker
     * @param batchSize most rows one run claims
     * @param maxAttempts attempts before a temporary failure counts as permanent
     * @param firstRetry wait after the first failed attempt; it doubles with each further one
     * @param maxRetry the longest wait between two attempts
     */
    public record Outbound(
            @DefaultValue("true") boolean workerEnabled,
            @DefaultValue("5s") Duration pollInterval,
            @DefaultValue("20") int batchSize,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("1m") Duration firstRetry,
            @DefaultValue("4h") Duration maxRetry) {}

    /**
     * @param port the LMTP port; 0 (the default) turns the listener off, -1 takes any free port (tests, benchmarks)
     * @param address the address to listen on; keep it on the loopback unless the MTA runs elsewhere
     * @param maxMessageBytes largest message accepted (552 5.3.4 beyond)
     * @param maxRecipients most recipients of one transaction (452 4.5.3 beyond)
     * @param maxConnections most sessions at once (421 4.3.2 beyond)
     * @param idleTimeout a session waiting longer than this for the client's next line is closed
     */
    public record Lmtp(
            @DefaultValue("0") int port,
            @DefaultValue("127.0.0.1") String address,
            @DefaultValue("33554432") int maxMessageBytes,
            @DefaultValue("100") int maxRecipients,
            @DefaultValue("64") int maxConnections,
            @DefaultValue("5m") Duration idleTimeout) {}

    /**
     * Each account's allowance, kept per node in memory: token buckets that refill evenly over their period, so a
     * burst up to the whole allowance passes and after that one more message (or recipient) per share of the period.
     * Past either limit a submission is refused (Status 115) and nothing is sent or stored.
     *
     * @param messagesPerMinute messages one account may send per minute; 0 for no limit
     * @param recipientsPerHour recipients (To, Cc and Bcc, each address once per message) one account may send to
     *     per hour; 0 for no limit
     */
    public record SendLimits(
            @DefaultValue("30") int messagesPerMinute,
            @DefaultValue("1000") int recipientsPerHour) {

        public SendLimits {
            if (messagesPerMinute < 0 || recipientsPerHour < 0) {
                throw new IllegalArgumentException("Send limits are 0 (none) or more");
            }
        }
    }
}
