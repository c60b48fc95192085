package org.atoll.mailbox;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which device a mutation is made for. A front end serving a device runs its mutations inside
 * {@link #asDevice}; the journal records the device beside each change, and that device's sync state skips what it
 * made itself instead of echoing it back.
 */
public final class ChangeOrigin {

    private static final ScopedValue<Long> DEVICE = ScopedValue.newInstance();

    private ChangeOrigin() {}

    /** Runs the action with every mutation in it attributed to the device. */
    public static <T> T asDevice(long devicePk, Supplier<T> action) {
        return ScopedValue.where(DEVICE, devicePk).call(action::get);
    }

    /** The device the current mutations are made for, if any. */
    public static Optional<Long> device() {
        return DEVICE.isBound() ? Optional.of(DEVICE.get()) : Optional.empty();
    }
}
