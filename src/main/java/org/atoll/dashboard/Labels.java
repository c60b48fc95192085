package org.atoll.dashboard;

import org.atoll.device.AccessSource;
import org.atoll.device.AccessState;
import org.atoll.device.Characteristic;
import org.atoll.device.DeviceDetail;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The words and colours the pages show for states: a colour never stands alone, a word always goes with it. */
@Component("labels")
class Labels {

    public String access(AccessState state) {
        return switch (state) {
            case ALLOWED -> "Allowed";
            case BLOCKED -> "Blocked";
            case QUARANTINED -> "Quarantined";
        };
    }

    public String accessTone(AccessState state) {
        return switch (state) {
            case ALLOWED -> "badge good";
            case BLOCKED -> "badge bad";
            case QUARANTINED -> "badge warn";
        };
    }

    public String characteristic(Characteristic characteristic) {
        return switch (characteristic) {
            case DEVICE_TYPE -> "DeviceType";
            case MODEL -> "Model";
            case OS -> "OS";
            case USER_AGENT -> "User-Agent";
        };
    }

    public String source(AccessSource source) {
        return switch (source) {
            case PERSONAL -> "set for this device";
            case RULE -> "by an access rule";
            case DEFAULT -> "by the organization default";
        };
    }

    public String wipe(WipeState state) {
        return switch (state) {
            case NONE -> "No wipe";
            case PENDING -> "Wipe pending";
            case SENT -> "Wipe sent";
            case ACKNOWLEDGED -> "Wiped";
        };
    }

    public String wipeTone(WipeState state) {
        return switch (state) {
            case NONE -> "badge quiet";
            case PENDING, SENT -> "badge warn";
            case ACKNOWLEDGED -> "badge bad";
        };
    }

    public String wipeKind(@Nullable WipeKind kind) {
        return kind == WipeKind.ACCOUNT_ONLY ? "this account only" : "whole device";
    }

    /** What a person calls the device: its friendly name, else its model, else its DeviceType. */
    public String name(DeviceDetail device) {
        if (device.information().friendlyName() != null) {
            return device.information().friendlyName();
        }
        if (device.information().model() != null) {
            return device.information().model();
        }
        return device.deviceType();
    }

    public String orDash(@Nullable Object value) {
        return value == null || value.toString().isBlank() ? "—" : value.toString();
    }
}
