package org.atoll.account.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.atoll.account.AccountView;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.Role;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "account")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String address;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "password_hash")
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    private boolean enabled;

    @Column(name = "eas_enabled")
    private boolean easEnabled;

    @Column(name = "hidden_from_directory")
    private boolean hiddenFromDirectory;

    @Column(name = "first_name")
    private @Nullable String firstName;

    @Column(name = "last_name")
    private @Nullable String lastName;

    private @Nullable String company;

    @Column(name = "job_title")
    private @Nullable String jobTitle;

    private @Nullable String office;

    @Column(name = "office_phone")
    private @Nullable String officePhone;

    @Column(name = "mobile_phone")
    private @Nullable String mobilePhone;

    @Column(name = "quota_bytes")
    private @Nullable Long quotaBytes;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected Account() {
        this.address = "";
        this.displayName = "";
        this.passwordHash = "";
        this.role = Role.USER;
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    public Account(
            String address,
            String displayName,
            String passwordHash,
            Role role,
            @Nullable Long quotaBytes,
            Instant now) {
        this.address = address;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.easEnabled = true;
        this.quotaBytes = quotaBytes;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("The account is not saved yet");
        }
        return id;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    public void enable(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    public String address() {
        return address;
    }

    public Role role() {
        return role;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Replaces every setting an administrator may change. */
    public void change(
            String displayName,
            Role role,
            boolean enabled,
            boolean easEnabled,
            @Nullable Long quotaBytes,
            Instant now) {
        this.displayName = displayName;
        this.role = role;
        this.enabled = enabled;
        this.easEnabled = easEnabled;
        this.quotaBytes = quotaBytes;
        this.updatedAt = now;
    }

    /** Hides the account from the directory (GAL Search, ResolveRecipients, Find) or shows it again. */
    public void hideFromDirectory(boolean hidden, Instant now) {
        this.hiddenFromDirectory = hidden;
        this.updatedAt = now;
    }

    /** Replaces what the directory shows besides name and address. */
    public void describe(DirectoryDetails details, Instant now) {
        this.firstName = details.firstName();
        this.lastName = details.lastName();
        this.company = details.company();
        this.jobTitle = details.title();
        this.office = details.office();
        this.officePhone = details.phone();
        this.mobilePhone = details.mobilePhone();
        this.updatedAt = now;
    }

    public AccountView view() {
        return new AccountView(
                id(),
                address,
                displayName,
                role,
                enabled,
                easEnabled,
                quotaBytes,
                createdAt,
                hiddenFromDirectory,
                new DirectoryDetails(firstName, lastName, company, jobTitle, office, officePhone, mobilePhone));
    }
}
