package org.atoll.audit;

import java.util.Locale;
import org.atoll.account.AccountChanged;
import org.atoll.account.AccountCreated;
import org.atoll.account.AccountDeleted;
import org.atoll.account.SignInBackedOff;
import org.atoll.device.DeviceAccessChanged;
import org.atoll.device.DeviceRemoved;
import org.atoll.device.DeviceSettingsChanged;
import org.atoll.device.DeviceWipeChanged;
import org.atoll.device.WipeKind;
import org.atoll.shared.Actor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds the audit trail from the events the account and device modules publish inside their transactions, so an
 * entry commits with its change or not at all.
 */
@Component
class AuditTrail {

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(AccountCreated event) {
        log.record(event.actor(), "account.created", event.accountId(), null, null, event.address());
    }

    @EventListener
    void on(AccountChanged event) {
        log.record(event.actor(), "account.updated", event.accountId(), null, null, event.what());
    }

    @EventListener
    void on(AccountDeleted event) {
        log.record(event.actor(), "account.deleted", event.accountId(), null, null, event.address());
    }

    /** Sign-in runs in a read-only transaction; its back-off is recorded in a transaction of its own. */
    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(SignInBackedOff event) {
        log.record(
                new Actor(event.login(), event.source()),
                "sign-in.backed-off",
                null,
                null,
                null,
                "failed sign-ins; refused for " + event.delay().toSeconds() + " s");
    }

    @EventListener
    void on(DeviceAccessChanged event) {
        log.record(
                event.actor(),
                "device.access." + event.state().name().toLowerCase(Locale.ROOT),
                event.accountId(),
                event.devicePk(),
                event.deviceId(),
                event.reason());
    }

    @EventListener
    void on(DeviceWipeChanged event) {
        log.record(
                event.actor(),
                "device.wipe." + event.step().name().toLowerCase(Locale.ROOT),
                event.accountId(),
                event.devicePk(),
                event.deviceId(),
                event.kind() == WipeKind.ACCOUNT_ONLY ? "account-only wipe" : "full wipe");
    }

    @EventListener
    void on(DeviceRemoved event) {
        log.record(
                event.actor(),
                "device.removed",
                event.accountId(),
                event.devicePk(),
                event.deviceId(),
                "partnership removed");
    }

    @EventListener
    void on(DeviceSettingsChanged event) {
        log.record(event.actor(), event.action(), event.accountId(), null, null, event.detail());
    }
}
