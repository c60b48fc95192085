package org.atoll.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.atoll.device.internal.PolicyRows;
import org.jspecify.annotations.Nullable;
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
     * The final key a device holds and the policy it acknowledged, by id and version.
     *
     * @param policyId null when the policy was deleted since
     */
    public record PolicyState(long policyKey, @Nullable Long policyId, long policyVersion) {

        /** Whether the device holds the current version of the policy that applies to it now. */
        public boolean holds(MobilePolicy current) {
            return policyId != null && policyId == current.id() && policyVersion == current.version();
        }
    }

    /** The device's policy state, if it completed Provision. */
    @Transactional(readOnly = true)
    public Optional<PolicyState> state(long accountId, String deviceId) {
        return rows.state(accountId, deviceId);
    }

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
