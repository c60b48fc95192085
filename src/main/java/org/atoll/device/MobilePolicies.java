package org.atoll.device;

import java.util.List;
import java.util.Optional;
import org.atoll.device.internal.PolicyRows;
import org.atoll.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mobile device policies: exactly one is the default, others are assigned to accounts. Every change of a policy
 * raises its version, so each device holding the older version is refused with Status 143 (MS-ASCMD 2.2.2) until
 * it provisions again.
 */
@Service
public class MobilePolicies {

    private final PolicyRows rows;
    private final ApplicationEventPublisher events;

    MobilePolicies(PolicyRows rows, ApplicationEventPublisher events) {
        this.rows = rows;
        this.events = events;
    }

    /** A policy with whether it is the default and how many accounts it is assigned to. */
    public record PolicyView(MobilePolicy policy, boolean isDefault, long assignedAccounts) {}

    @Transactional(readOnly = true)
    public List<PolicyView> list() {
        return rows.list();
    }

    /** @throws PolicyNotFound when no policy has the id */
    @Transactional(readOnly = true)
    public PolicyView get(long id) {
        return rows.find(id).orElseThrow(() -> new PolicyNotFound(id));
    }

    /**
     * @throws InvalidDeviceRequest when a setting is out of range
     * @throws PolicyNameTaken when another policy has the name
     */
    @Transactional
    public PolicyView create(PolicySettings settings, Actor actor) {
        String name = check(settings);
        lockPolicies();
        if (nameTaken(name, null)) {
            throw new PolicyNameTaken(name);
        }
        if (settings.isDefault()) {
            rows.clearDefault();
        }
        long id = rows.insert(name, settings);
        events.publishEvent(new DeviceSettingsChanged("policy.created", null, "policy " + name, actor));
        return get(id);
    }

    /**
     * Replaces a policy's settings and raises its version, so its devices provision again.
     *
     * @throws PolicyNotFound when no policy has the id
     * @throws DefaultPolicyProtected when the default policy would stop being the default
     */
    @Transactional
    public PolicyView update(long id, PolicySettings settings, Actor actor) {
        String name = check(settings);
        lockPolicies();
        PolicyView current = get(id);
        if (current.isDefault() && !settings.isDefault()) {
            throw new DefaultPolicyProtected();
        }
        if (nameTaken(name, id)) {
            throw new PolicyNameTaken(name);
        }
        if (settings.isDefault() && !current.isDefault()) {
            rows.clearDefault();
        }
        rows.update(id, name, settings);
        events.publishEvent(new DeviceSettingsChanged("policy.updated", null, "policy " + name, actor));
        return get(id);
    }

    /**
     * Deletes a policy; accounts it was assigned to get the default, and its devices provision again.
     *
     * @throws PolicyNotFound when no policy has the id
     * @throws DefaultPolicyProtected for the default policy
     */
    @Transactional
    public void delete(long id, Actor actor) {
        lockPolicies();
        PolicyView current = get(id);
        if (current.isDefault()) {
            throw new DefaultPolicyProtected();
        }
        rows.delete(id);
        events.publishEvent(new DeviceSettingsChanged(
                "policy.deleted", null, "policy " + current.policy().name(), actor));
    }

    /** The policy assigned to an account, empty when it gets the default. */
    @Transactional(readOnly = true)
    public Optional<Long> assigned(long accountId) {
        return rows.assigned(accountId);
    }

    /**
     * Assigns a policy to an account, or with null returns it to the default. Its devices provision again when
     * this changes the policy they hold.
     *
     * @throws PolicyNotFound when no policy has the id
     */
    @Transactional
    public void assign(long accountId, @Nullable Long policyId, Actor actor) {
        Optional<Long> before = assigned(accountId);
        if (before.equals(Optional.ofNullable(policyId))) {
            return;
        }
        if (policyId == null) {
            rows.unassign(accountId);
        } else {
            get(policyId);
            rows.assign(accountId, policyId);
        }
        events.publishEvent(new DeviceSettingsChanged(
                "policy.assigned",
                accountId,
                policyId == null
                        ? "default policy"
                        : "policy " + get(policyId).policy().name(),
                actor));
    }

    /** Policy changes queue behind each other, so there is always exactly one default. */
    private void lockPolicies() {
        rows.lockDefault();
    }

    private boolean nameTaken(String name, @Nullable Long except) {
        return rows.nameTaken(name, except);
    }

    private static String check(PolicySettings settings) {
        String name = settings.name() == null ? "" : settings.name().strip();
        if (name.isEmpty() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDeviceRequest("A policy's name has 1 to 128 printable characters");
        }
        if (settings.minPasswordLength() < 1 || settings.minPasswordLength() > 16) {
            throw new InvalidDeviceRequest("minPasswordLength must be between 1 and 16");
        }
        if (settings.maxInactivitySeconds() != null && settings.maxInactivitySeconds() < 0) {
            throw new InvalidDeviceRequest("maxInactivitySeconds must not be negative");
        }
        Integer attempts = settings.maxFailedAttempts();
        if (attempts != null && (attempts < 4 || attempts > 16)) {
            throw new InvalidDeviceRequest("maxFailedAttempts must be between 4 and 16");
        }
        if (settings.maxAttachmentBytes() != null && settings.maxAttachmentBytes() < 0) {
            throw new InvalidDeviceRequest("maxAttachmentBytes must not be negative");
        }
        return name;
    }
}
