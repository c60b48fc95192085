package org.atoll.device;

/** Why a request about devices, access rules or policies was refused; nothing was changed. */
public abstract sealed class DeviceException extends RuntimeException
        permits DeviceNotFound,
                PolicyNotFound,
                AccessRuleNotFound,
                InvalidDeviceRequest,
                AccountOnlyWipeUnsupported,
                WipeAlreadyDone,
                DeviceNotQuarantined,
                DefaultPolicyProtected,
                PolicyNameTaken,
                AccessRuleTaken,
                DecidedByAdministrator {

    DeviceException(String message) {
        super(message);
    }
}
