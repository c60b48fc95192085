package org.atoll.dashboard;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What can be done to a device from its page; each is confirmed on a page of its own before it runs. */
enum DeviceAction {
    ALLOW("allow", "Allow", "The device may sync again, whatever the access rules say.", true, false, false),
    BLOCK(
            "block",
            "Block",
            "The device's next request is refused (Status 129) until an administrator allows it again.",
            true,
            false,
            true),
    RELEASE("release", "Release from quarantine", "The device is allowed and may sync at once.", true, false, false),
    WIPE(
            "wipe",
            "Wipe",
            "Everything on the device is erased at its next request (MS-ASPROV RemoteWipe). This cannot be undone once"
                    + " the device has received it.",
            false,
            true,
            true),
    ACCOUNT_ONLY_WIPE(
            "account-only-wipe",
            "Wipe this account only",
            "Only this account's data is erased from the device at its next request (MS-ASPROV"
                    + " AccountOnlyRemoteWipe, ActiveSync 16.1 devices).",
            false,
            true,
            true),
    CANCEL_WIPE(
            "cancel-wipe",
            "Cancel wipe",
            "The wipe is withdrawn if the device has not received it yet.",
            false,
            false,
            false),
    REMOVE(
            "remove",
            "Remove partnership",
            "The server forgets the device's sync state; on its next request it registers, provisions and syncs from"
                    + " scratch. A block or a wipe set by an administrator stays.",
            false,
            true,
            true);

    private static final Map<String, DeviceAction> BY_SLUG =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(DeviceAction::slug, Function.identity()));

    private final String slug;
    private final String label;
    private final String consequence;
    private final boolean administratorsOnly;
    private final boolean needsPassword;
    private final boolean dangerous;

    DeviceAction(
            String slug,
            String label,
            String consequence,
            boolean administratorsOnly,
            boolean needsPassword,
            boolean dangerous) {
        this.slug = slug;
        this.label = label;
        this.consequence = consequence;
        this.administratorsOnly = administratorsOnly;
        this.needsPassword = needsPassword;
        this.dangerous = dangerous;
    }

    static Optional<DeviceAction> ofSlug(String slug) {
        return Optional.ofNullable(BY_SLUG.get(slug));
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    public String consequence() {
        return consequence;
    }

    public boolean administratorsOnly() {
        return administratorsOnly;
    }

    public boolean needsPassword() {
        return needsPassword;
    }

    public boolean dangerous() {
        return dangerous;
    }
}
