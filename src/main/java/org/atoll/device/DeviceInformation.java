package org.atoll.device;

import org.jspecify.annotations.Nullable;

/** What a device reports of itself (MS-ASCMD 2.2.3.47.1 DeviceInformation); every field is optional. */
public record DeviceInformation(
        @Nullable String model,
        @Nullable String imei,
        @Nullable String friendlyName,
        @Nullable String os,
        @Nullable String osLanguage,
        @Nullable String phoneNumber,
        @Nullable String mobileOperator) {}
