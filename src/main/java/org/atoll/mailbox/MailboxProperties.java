package org.atoll.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the mailbox store ({@code atoll.mailbox.*}).
 *
 * @param defaultQuota the size limit of every mailbox whose account has no quota of its own (new and existing
 *     accounts alike); 0 for none. An account's own quota, set by an administrator, always wins.
 */
@ConfigurationProperties("atoll.mailbox")
public record MailboxProperties(@DefaultValue("10GB") DataSize defaultQuota) {

    public MailboxProperties {
        if (defaultQuota.isNegative()) {
            throw new IllegalArgumentException("The default quota is 0 (none) or more");
        }
    }

    /** The default quota in bytes, 0 for none. */
    public long defaultQuotaBytes() {
        return defaultQuota.toBytes();
    }
}
