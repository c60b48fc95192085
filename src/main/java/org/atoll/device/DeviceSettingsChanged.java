package org.atoll.device;

import org.atoll.shared.Actor;
import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction that changed an access rule, the default access level, a mobile policy or a
 * policy assignment.
 *
 * @param action what kind of change, e.g. {@code policy.updated}
 * @param accountId the account concerned, for a policy assignment
 * @param detail the change in words
 */
public record DeviceSettingsChanged(String action, @Nullable Long accountId, String detail, Actor actor) {}
