package org.atoll.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atoll.account.Accounts;
import org.atoll.device.AccessSource;
import org.atoll.device.AccessState;
import org.atoll.device.Authority;
import org.atoll.device.DeviceAccess;
import org.atoll.device.DeviceDetail;
import org.atoll.device.DeviceFilter;
import org.atoll.device.DeviceSort;
import org.atoll.device.Devices;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atoll device ...}: list devices, and block, allow, wipe or remove one, always on an administrator's
 * authority (a block and a wipe bind the device's owner, as from the REST API).
 */
@Command(
        name = "device",
        mixinStandardHelpOptions = true,
        description = "List devices; block, allow, wipe or remove one.",
        subcommands = {
            DeviceCommands.ListDevices.class,
            DeviceCommands.Block.class,
            DeviceCommands.Allow.class,
            DeviceCommands.Wipe.class,
            DeviceCommands.Remove.class
        })
final class DeviceCommands implements Runnable {

    private static final String DEVICE = "The device's id, as `device list` shows it.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name what to do with devices");
    }

    /** A device as the commands print it. */
    record DeviceJson(
            long id,
            long accountId,
            String account,
            String deviceId,
            String deviceType,
            @Nullable String model,
            @Nullable String os,
            @Nullable String friendlyName,
            @Nullable String userAgent,
            String protocolVersion,
            Access access,
            Wipe wipe,
            Instant firstSyncAt,
            Instant lastSyncAt,
            @Nullable Instant lastPingAt) {

        record Access(
                AccessState state,
                AccessSource source,
                @Nullable String reason) {}

        record Wipe(
                WipeState state,
                @Nullable WipeKind kind,
                @Nullable String requestedBy,
                @Nullable Instant requestedAt,
                @Nullable Instant acknowledgedAt) {}

        static DeviceJson of(DeviceDetail d) {
            return new DeviceJson(
                    d.id(),
                    d.accountId(),
                    d.accountAddress(),
                    d.deviceId(),
                    d.deviceType(),
                    d.information().model(),
                    d.information().os(),
                    d.information().friendlyName(),
                    d.userAgent(),
                    d.protocolVersion(),
                    new Access(d.accessState(), d.accessSource(), d.accessReason()),
                    new Wipe(
                            d.wipeState(),
                            d.wipeKind(),
                            d.wipeRequestedBy(),
                            d.wipeRequestedAt(),
                            d.wipeAcknowledgedAt()),
                    d.firstSyncAt(),
                    d.lastSyncAt(),
                    d.lastPingAt());
        }
    }

    private static String describe(DeviceDetail d) {
        String model = d.information().model() == null
                ? d.deviceType()
                : d.information().model();
        return "device " + d.id() + " (" + model + ", " + d.deviceId() + ", of " + d.accountAddress() + ")";
    }

    private static void print(StoreCommand command, DeviceDetail device, String what) {
        if (command.json()) {
            Output.json(command.out(), DeviceJson.of(device));
        } else {
            command.out().println(what + " " + describe(device));
            command.out().flush();
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List devices, first registered first; options narrow the list.")
    static final class ListDevices extends StoreCommand {

        @Option(
                names = "--account",
                paramLabel = "ACCOUNT",
                description = "Only the devices of this account (address or id).")
        @Nullable
        String account;

        @Option(
                names = "--access",
                paramLabel = "STATE",
                description = "Only devices in this access state: ${COMPLETION-CANDIDATES}.")
        @Nullable
        AccessState access;

        @Option(
                names = "--wipe",
                paramLabel = "STATE",
                description = "Only devices in this wipe state: ${COMPLETION-CANDIDATES}.")
        @Nullable
        WipeState wipe;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only devices of this DeviceType (any case).")
        @Nullable
        String type;

        ListDevices(Environment env) {
            super(env);
        }

        @Override
        int run() {
            Long accountId = account == null
                    ? null
                    : AccountCommands.find(service(Accounts.class), account).id();
            DeviceFilter filter = new DeviceFilter(accountId, access, wipe, type, null, null, null);
            Devices devices = service(Devices.class);
            List<DeviceDetail> all = new ArrayList<>();
            for (int page = 0; ; page++) {
                PageOf<DeviceDetail> found =
                        devices.list(filter, DeviceSort.FIRST_SYNC, false, page, Devices.MAX_PAGE_SIZE);
                all.addAll(found.items());
                if (found.items().size() < Devices.MAX_PAGE_SIZE) {
                    break;
                }
            }
            if (json()) {
                Output.json(out(), all.stream().map(DeviceJson::of).toList());
                return ExitCodes.OK;
            }
            Output.table(
                    out(),
                    List.of("ID", "ACCOUNT", "DEVICE ID", "TYPE", "MODEL", "ACCESS", "WIPE", "LAST SYNC"),
                    all.stream()
                            .map(d -> List.of(
                                    Long.toString(d.id()),
                                    d.accountAddress(),
                                    d.deviceId(),
                                    d.deviceType(),
                                    d.information().model() == null
                                            ? "-"
                                            : d.information().model(),
                                    d.accessState().name(),
                                    d.wipeState().name(),
                                    d.lastSyncAt().toString()))
                            .toList());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "block",
            mixinStandardHelpOptions = true,
            description = {
                "Block a device itself, whatever the access rules say; it is refused from its next request.",
                "The block binds its owner and stays when the owner removes the partnership."
            })
    static final class Block extends StoreCommand {

        @Parameters(paramLabel = "DEVICE", description = DEVICE)
        long device;

        Block(Environment env) {
            super(env);
        }

        @Override
        int run() {
            print(this, service(DeviceAccess.class).block(device, env.actor()), "Blocked");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "allow",
            mixinStandardHelpOptions = true,
            description = {
                "Allow a device itself, whatever the access rules say.",
                "Lifts a block or a quarantine, also the automatic block after a wipe."
            })
    static final class Allow extends StoreCommand {

        @Parameters(paramLabel = "DEVICE", description = DEVICE)
        long device;

        Allow(Environment env) {
            super(env);
        }

        @Override
        int run() {
            print(this, service(DeviceAccess.class).allow(device, env.actor()), "Allowed");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "wipe",
            mixinStandardHelpOptions = true,
            description = {
                "Order a device wiped: it receives the wipe on its next request and erases itself.",
                "Asks for confirmation on the terminal unless --yes is given; without a terminal --yes is required."
            })
    static final class Wipe extends StoreCommand {

        @Parameters(paramLabel = "DEVICE", description = DEVICE)
        long device;

        @Option(
                names = {"-y", "--yes"},
                description = "Do not ask for confirmation.")
        boolean yes;

        @Option(
                names = "--account-only",
                description = "Remove only this account's data from the device (ActiveSync 16.1 devices).")
        boolean accountOnly;

        Wipe(Environment env) {
            super(env);
        }

        @Override
        int run() {
            Devices devices = service(Devices.class);
            DeviceDetail target = devices.detail(device);
            if (!yes) {
                if (!env.terminal().interactive()) {
                    throw new CommandFailed(
                            ExitCodes.USAGE, "No terminal to confirm the wipe on: add --yes to wipe without asking");
                }
                String answer = env.terminal().ask("Wipe " + describe(target) + "? Type yes to wipe: ");
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
                    throw new CommandFailed(ExitCodes.FAILURE, "Not wiped");
                }
            }
            DeviceDetail wiped = devices.requestWipe(
                    device, accountOnly ? WipeKind.ACCOUNT_ONLY : WipeKind.FULL, env.actor(), Authority.ADMINISTRATOR);
            print(this, wiped, "Wipe ordered for");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = {
                "Remove a device's partnership with its policy key and sync state.",
                "Its next request registers it again, and it provisions and syncs from scratch; a block or a wipe"
                        + " set on it goes with it."
            })
    static final class Remove extends StoreCommand {

        @Parameters(paramLabel = "DEVICE", description = DEVICE)
        long device;

        Remove(Environment env) {
            super(env);
        }

        /** What {@code --json} prints: the device as it was. */
        record Removed(DeviceJson device, boolean removed) {}

        @Override
        int run() {
            Devices devices = service(Devices.class);
            DeviceDetail target = devices.detail(device);
            devices.remove(device, env.actor(), Authority.ADMINISTRATOR);
            if (json()) {
                Output.json(out(), new Removed(DeviceJson.of(target), true));
            } else {
                out().println("Removed " + describe(target));
                out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
