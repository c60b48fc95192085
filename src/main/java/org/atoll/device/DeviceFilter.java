package org.atoll.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which devices to list; every null field matches all. Text fields match exactly, without regard to case, except
 * {@code search} and {@code os}, which match a part.
 *
 * @param lastSyncBefore devices whose latest request came before this instant
 * @param lastSyncAfter devices whose latest request came at or after this instant
 * @param search devices whose DeviceId, DeviceType, model, friendly name, User-Agent or account address contains this
 *     text, without regard to case
 * @param os devices whose reported OS contains this text, without regard to case
 * @param protocolVersion devices that last spoke this ActiveSync version, e.g. {@code 14.1}
 */
public record DeviceFilter(
        @Nullable Long accountId,
        @Nullable AccessState accessState,
        @Nullable WipeState wipeState,
        @Nullable String deviceType,
        @Nullable String model,
        @Nullable Instant lastSyncBefore,
        @Nullable Instant lastSyncAfter,
        @Nullable String search,
        @Nullable String os,
        @Nullable String protocolVersion) {

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, null, null, null);

    public DeviceFilter(
            @Nullable Long accountId,
            @Nullable AccessState accessState,
            @Nullable WipeState wipeState,
            @Nullable String deviceType,
            @Nullable String model,
            @Nullable Instant lastSyncBefore,
            @Nullable Instant lastSyncAfter) {
        this(accountId, accessState, wipeState, deviceType, model, lastSyncBefore, lastSyncAfter, null, null, null);
    }
}
