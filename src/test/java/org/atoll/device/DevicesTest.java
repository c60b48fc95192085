package org.atoll.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
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
