package org.atoll.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.atoll.device.internal.PolicyRows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two phases of Provision (MS-ASPROV 3.1.5.1): a device is offered the policy with a temporary key, and the
 * acknowledgement of that key earns it the final key it sends with every later command.
 */
@Service
public class Provisioning {

    private final PolicyRows rows;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Provisioning(PolicyRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** The policy that applies to a device of the account: the one assigned to it, else the default. */
    @Transactional(readOnly = true)
    public MobilePolicy policyFor(long accountId) {
        return rows.policyFor(accountId);
    }

    /** First phase: records and returns a temporary key for the policy offered. */
    @Transactional
    public long offer(long accountId, String deviceId, MobilePolicy policy) {
        long temporary = newKey();
        if (!rows.offer(accountId, deviceId, temporary, policy)) {
            throw new IllegalStateException("The device must be registered before it is provisioned");
        }
        return temporary;
    }

    /**
     * Second phase: when {@code temporaryKey} is the key offered, issues the final key.
     *
     * @param partlyApplied whether the device said it could apply the policy only in part (Status 2, MS-ASPROV
     *     2.2.2.54.1); the caller has checked that the policy allows such devices
     * @return the final key, or empty when the key acknowledged is not the one offered
     */
    @Transactional
    public Optional<Long> acknowledge(long accountId, String deviceId, long temporaryKey, boolean partlyApplied) {
        long finalKey = newKey();
        return rows.acknowledge(
                        accountId,
                        deviceId,
                        temporaryKey,
                        finalKey,
                        partlyApplied,
                        clock.instant().truncatedTo(ChronoUnit.MICROS))
                ? Optional.of(finalKey)
                : Optional.empty();
    }

    /**
     * What the front end checks before every command but Provision (MS-ASPROV 3.2.5.1): the final key the device
     * holds, and whether the policy it acknowledged is the current version of the one that applies to it now. Read
     * with the device itself ({@link Devices#arrived}).
     */
    public record PolicyCheck(long policyKey, boolean holdsCurrent) {}

    /** The final key the device holds, if it completed Provision. */
    @Transactional(readOnly = true)
    public Optional<Long> policyKey(long accountId, String deviceId) {
        return rows.policyKey(accountId, deviceId);
    }

    /** A key in 1 .. 2^31 - 1: never 0, which means "no key" on the wire. */
    private long newKey() {
        return 1 + random.nextInt(Integer.MAX_VALUE - 1);
    }
}
