package org.atoll.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.shared.Actor;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AtollTest
class DevicesTest {

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    DeviceProperties properties;

    @Autowired
    Provisioning provisioning;

    @Autowired
    MobilePolicies policies;

    AccountView account;

    @BeforeEach
    void openAccount() {
        account = TestAccounts.open(accounts, "devices");
    }

    @Test
    void firstRequestShouldRegisterTheDeviceAndLaterOnesRefreshIt() {
        DeviceView first = devices.seen(account.id(), "ApplF17VX123", "iPhone", "Apple-iPhone14C2/2101.1", "14.0");
        DeviceView later = devices.seen(account.id(), "ApplF17VX123", "iPhone", "Apple-iPhone14C2/2102.1", "14.1");

        assertThat(later.id()).isEqualTo(first.id());
        assertThat(later.protocolVersion()).isEqualTo("14.1");
        assertThat(later.userAgent()).isEqualTo("Apple-iPhone14C2/2102.1");
        assertThat(later.accessState()).isEqualTo(AccessState.ALLOWED);
        assertThat(later.firstSeenAt()).isEqualTo(first.firstSeenAt());
        assertThat(devices.of(account.id())).hasSize(1);
    }

    /** MS-ASPROV 3.2.5.1: what the front end checks of every command but Provision, read with the device. */
    @Test
    void arrivalShouldCarryTheFinalKeyAndWhetherThePolicyThatAppliesNowIsTheOneAcknowledged() {
        Devices.Arrival unprovisioned = devices.arrived(account.id(), "ArrivePhone", "iPhone", "Agent/1", "16.1");
        assertThat(unprovisioned.policy()).isEmpty();
        long temporary = provisioning.offer(account.id(), "ArrivePhone", provisioning.policyFor(account.id()));
        long finalKey = provisioning
                .acknowledge(account.id(), "ArrivePhone", temporary, false)
                .orElseThrow();

        Devices.Arrival known = devices.arrived(account.id(), "ArrivePhone", "iPhone", "Agent/1", "16.1");
        assertThat(known.device().id()).isEqualTo(unprovisioned.device().id());
        assertThat(known.policy()).contains(new Provisioning.PolicyCheck(finalKey, true));

        var assigned = policies.create(
                new PolicySettings("arrival-" + account.id(), true, 6, false, null, null, false, null, false, false),
                Actor.SYSTEM);
        policies.assign(account.id(), assigned.policy().id(), Actor.SYSTEM);
        assertThat(devices.arrived(account.id(), "ArrivePhone", "iPhone", "Agent/1", "16.1")
                        .policy())
                .contains(new Provisioning.PolicyCheck(finalKey, false));
        Devices.Arrival changed = devices.arrived(account.id(), "ArrivePhone", "iPhone", "Agent/2", "16.1");
        assertThat(changed.device().userAgent()).isEqualTo("Agent/2");
        assertThat(changed.policy()).contains(new Provisioning.PolicyCheck(finalKey, false));
    }

    @Test
    void reportedTextShouldBeStoredWithoutControlCharactersAndCutOnACharacterBoundary() {
        devices.seen(account.id(), "Controls1", "Android", "Agent\u0000/1\r\n", "14.1");
        String longModel = "m".repeat(255) + "\uD83D\uDCF1";

        devices.recordInformation(
                account.id(),
                "Controls1",
                new DeviceInformation(longModel, "\u0000", "name\u0000\u001b[0m", null, null, null, null));

        assertThat(devices.find(account.id(), "Controls1").orElseThrow().userAgent())
                .isEqualTo("Agent/1");
        DeviceInformation stored =
                devices.information(account.id(), "Controls1").orElseThrow();
        assertThat(stored.model()).isEqualTo("m".repeat(255));
        assertThat(stored.imei()).isNull();
        assertThat(stored.friendlyName()).isEqualTo("name[0m");
    }

    @Test
    void sameDeviceIdOnAnotherAccountShouldBeAnotherDevice() {
        AccountView other = TestAccounts.open(accounts, "other-devices");
        DeviceView mine = devices.seen(account.id(), "SharedId1", "Android", null, "14.1");
        DeviceView theirs = devices.seen(other.id(), "SharedId1", "Android", null, "14.1");

        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(devices.of(account.id())).extracting(DeviceView::accountId).containsOnly(account.id());
    }

    @Test
    void deviceBeyondTheLimitShouldBeRefusedAndKnownOnesStillServed() {
        for (int i = 0; i < properties.maxPerAccount(); i++) {
            devices.seen(account.id(), "Dev" + i, "Android", null, "14.1");
        }

        assertThatThrownBy(() -> devices.seen(account.id(), "OneTooMany", "Android", null, "14.1"))
                .isInstanceOf(DeviceLimitReached.class);
        assertThat(devices.seen(account.id(), "Dev0", "Android", null, "14.1").deviceId())
                .isEqualTo("Dev0");
        assertThat(devices.of(account.id())).hasSize(properties.maxPerAccount());
    }
}
