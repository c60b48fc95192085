package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.ApiTokens;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.device.Devices;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.security.Attack.Outcome;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two accounts on one running server: a victim with mail, an attachment, a private folder, a provisioned and synced
 * phone and an API token; and an attacker with the same, who attacks with valid credentials of their own, and who
 * also owns devices an administrator blocked or wiped, a token an administrator's password reset revoked and one that
 * expired, and an attachment of no bytes; a colleague of both is disabled. Every secret of the victim carries a
 * random marker, so an answer or a log line that reveals one is found by a search.
 */
final class Arena {

    /** Whose state an attack must leave alone. */
    enum Party {
        VICTIM,
        ATTACKER
    }

    /** Columns that record when something was last seen or used; any request of the party's own moves them. */
    private static final List<String> VOLATILE =
            List.of("last_seen_at", "last_ping_at", "last_used_at", "synced_at", "in_last_request");

    /** Tables every request of the party's own grows: the request log and its User-Agents record refused requests too. */
    private static final List<String> REQUEST_RECORDS = List.of("device_request", "device_user_agent");

    /** What a device reports of itself: the attacker's own device may report anything. */
    private static final List<String> SELF_REPORTED = List.of("user_agent", "protocol_version", "device_type");

    /** One account and everything of it the attacks aim at. */
    static final class Side {
        AccountView account;
        String password;
        String deviceId;
        EasDevice phone;
        long devicePk;
        long inbox;
        long privateFolder;
        String privateFolderName;
        MessageView message;
        String serverId;
        String fileReference;
        String folderSyncKey;
        String inboxSyncKey;
        String subject;
        String bodyText;
        String token;
        long tokenId;
        /** A token issued before an administrator reset the password, which revoked it. */
        String tokenBeforeReset;
        /** A token whose lifetime has run out. */
        String expiredToken;

        String address() {
            return account.address();
        }

        long id() {
            return account.id();
        }

        String basic() {
            return "Basic " + base64(address() + ":" + password);
        }
    }

    final int port;
    final int lmtpPort;
    final String marker = UUID.randomUUID().toString().substring(0, 8);
    final Side victim = new Side();
    final Side attacker = new Side();

    /**
     * Devices of the attacker's that an administrator holds: one blocked, one with a wipe pending, one that
     * acknowledged its wipe (MS-ASPROV 3.1.5.1.2.2). The attacker, as their owner, tries to undo what the
     * administrator decided; their names share no text with the attacker's phone's DeviceId.
     */
    long blockedByAdmin;

    long wipePendingByAdmin;
    EasDevice wiped;
    long wipedPk;

    /** The FileReference of an attachment of no bytes, in the attacker's private folder, which no device syncs. */
    String emptyAttachment;

    /** A colleague an administrator disabled: the directory must not name them to anyone. */
    String departedAddress;

    String departedName;

    private final JdbcClient jdbc;
    final Mailboxes mailboxes;
    final Devices devices;

    private Arena(int port, int lmtpPort, JdbcClient jdbc, Mailboxes mailboxes, Devices devices) {
        this.port = port;
        this.lmtpPort = lmtpPort;
        this.jdbc = jdbc;
        this.mailboxes = mailboxes;
        this.devices = devices;
    }

    static Arena open(
            int port,
            Accounts accounts,
            Mailboxes mailboxes,
            Devices devices,
            ApiTokens tokens,
            LmtpServer lmtp,
            JdbcClient jdbc)
            throws Exception {
        Arena arena = new Arena(port, lmtp.port(), jdbc, mailboxes, devices);
        arena.prepare(arena.victim, "victim", "VictimPhone", accounts, tokens);
        arena.prepare(arena.attacker, "mallory", "MalloryPhone", accounts, tokens);
        arena.retiredTokens(arena.attacker, tokens);
        arena.heldDevices(arena.attacker);
        arena.emptyAttachment(arena.attacker);
        arena.departed(accounts);
        return arena;
    }

    private void prepare(Side side, String name, String deviceId, Accounts accounts, ApiTokens tokens)
            throws Exception {
        side.password = name + "-password-" + marker;
        side.account = accounts.create(NewAccount.user(TestAccounts.uniqueAddress(name), side.password));
        side.inbox = mailboxes.systemFolder(side.id(), SystemFolder.INBOX).id();
        side.privateFolderName = name + "-private-folder-" + marker;
        side.privateFolder = mailboxes
                .createFolder(side.id(), null, side.privateFolderName, FolderType.USER_MAIL)
                .id();
        side.subject = name + "-subject-" + marker;
        side.bodyText = name + "-body-" + marker;
        side.message = mailboxes.deliver(
                side.id(), side.inbox, withAttachment(side.address(), side.subject, side.bodyText, name), null);
        side.serverId = side.message.folderId() + ":" + side.message.id();
        side.fileReference = side.message.id() + ":2";
        side.deviceId = deviceId;
        side.phone = new EasDevice(port, side.address(), side.password, deviceId).provision();
        side.devicePk = devices.find(side.id(), deviceId).orElseThrow().id();
        side.folderSyncKey = side.phone.folderSync("0").text("SyncKey").orElseThrow();
        MailClient client = new MailClient(side.phone);
        client.syncFully(side.inbox, 100);
        assertThat(client.items(side.inbox)).containsKey(side.serverId);
        side.inboxSyncKey = client.key(side.inbox);
        ApiTokens.IssuedToken token = tokens.issue(side.id(), name + " script");
        side.token = token.secret();
        side.tokenId = token.token().id();
    }

    /**
     * Issues a token, has an administrator reset the password (to the same one, so every other request of the side
     * still signs in), and issues the side's working token again; and one token that expired.
     */
    private void retiredTokens(Side side, ApiTokens tokens) throws Exception {
        side.tokenBeforeReset = tokens.issue(side.id(), "before reset").secret();
        assertThat(asAdmin("POST", "/api/v1/accounts/" + side.id() + "/password")
                        .json("{\"password\":\"" + side.password + "\"}")
                        .send()
                        .status())
                .as("an administrator's password reset")
                .isEqualTo(204);
        ApiTokens.IssuedToken token = tokens.issue(side.id(), "script");
        side.token = token.secret();
        side.tokenId = token.token().id();
        ApiTokens.IssuedToken expiring = tokens.issue(side.id(), "short-lived", 1);
        side.expiredToken = expiring.secret();
        jdbc.sql("UPDATE api_token SET created_at = created_at - interval '2 days',"
                        + " expires_at = expires_at - interval '2 days' WHERE account_id = ? AND id = ?")
                .params(side.id(), expiring.token().id())
                .update();
    }

    private void heldDevices(Side side) throws Exception {
        blockedByAdmin = heldDevice(side, "HeldBlocked", "block");
        wipePendingByAdmin = heldDevice(side, "HeldWipePending", "wipe");
        wiped = new EasDevice(port, side.address(), side.password, "HeldWiped").provision();
        wipedPk = heldDevice(side, "HeldWiped", "wipe");
        WbxmlElement policies = WbxmlElement.of(CodePage.PROVISION, "Policies")
                .add(WbxmlElement.of(CodePage.PROVISION, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML"));
        assertThat(wiped.send(
                                "Provision",
                                WbxmlElement.of(CodePage.PROVISION, "Provision").add(policies))
                        .child("RemoteWipe"))
                .as("the administrator's wipe reaches the device")
                .isPresent();
        assertThat(wiped.send(
                                "Provision",
                                WbxmlElement.of(CodePage.PROVISION, "Provision")
                                        .add(WbxmlElement.of(CodePage.PROVISION, "RemoteWipe")
                                                .add("Status", "1")))
                        .text("Status"))
                .as("the device acknowledges the wipe")
                .hasValue("1");
    }

    private void emptyAttachment(Side side) {
        String mime = "From: Ana Example <ana@example.org>\r\nTo: " + side.address() + "\r\nSubject: empty\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nNothing attached.\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"empty.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"empty.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n\r\n--b--\r\n";
        MessageView message =
                mailboxes.deliver(side.id(), side.privateFolder, mime.getBytes(StandardCharsets.US_ASCII), null);
        assertThat(message.attachments()).hasSize(1);
        emptyAttachment = message.id() + ":" + message.attachments().getFirst().partPath();
    }

    private void departed(Accounts accounts) {
        departedName = "Departed " + marker;
        departedAddress = TestAccounts.uniqueAddress("departed");
        long id = accounts.create(new NewAccount(departedAddress, departedName, "departed-password", Role.USER, null))
                .id();
        accounts.setEnabled(id, false);
    }

    /** Provisions the device unless it already is, then has an administrator block or wipe it. */
    private long heldDevice(Side side, String deviceId, String action) throws Exception {
        if (devices.find(side.id(), deviceId).isEmpty()) {
            new EasDevice(port, side.address(), side.password, deviceId).provision();
        }
        long pk = devices.find(side.id(), deviceId).orElseThrow().id();
        assertThat(asAdmin("POST", "/api/v1/devices/" + pk + "/" + action)
                        .send()
                        .status())
                .as("an administrator's %s of %s", action, deviceId)
                .isEqualTo(200);
        return pk;
    }

    private HttpCall asAdmin(String method, String path) {
        return new HttpCall(method, path).auth(Attacks.ADMIN);
    }

    /** A message with a text part and one attachment; the attacker's attachment has a name that climbs folders. */
    private static byte[] withAttachment(String to, String subject, String body, String name) {
        String fileName = name.equals("victim") ? "victim-notes.txt" : "../../../../etc/passwd";
        String text = "From: Ana Example <ana@example.org>\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@atoll.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"
                + "--b\r\nContent-Type: text/plain; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n"
                + name + "-attachment-" + "\r\n--b--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    Side side(Party party) {
        return party == Party.VICTIM ? victim : attacker;
    }

    /** Texts of the victim that no answer to the attacker may contain. */
    List<String> victimSecrets() {
        return List.of(
                victim.subject,
                victim.bodyText,
                victim.privateFolderName,
                victim.password,
                victim.token,
                Long.toString(victim.phone.policyKey()));
    }

    /**
     * Every row of the party's that an attack could touch, as one digest per table: each table with an
     * {@code account_id} (mailbox, folders, messages and flags, blobs, journal, devices and their wipe and access
     * state, policy keys, folder and collection sync keys, items held, tokens, outbound queue, audit rows) and the
     * account row itself. Columns that only say when something was last seen or used are left out, and so is the
     * attacker's own request log, which records every request of theirs.
     */
    Map<String, String> snapshot(Party party) {
        long accountId = side(party).id();
        List<String> ignored = new ArrayList<>(VOLATILE);
        if (party == Party.ATTACKER) {
            ignored.addAll(SELF_REPORTED);
        }
        List<String> tables = jdbc.sql("""
                        SELECT table_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND column_name = 'account_id'
                        ORDER BY table_name""").query(String.class).list();
        String row = "(to_jsonb(t) - "
                + String.join(" - ", ignored.stream().map(c -> "'" + c + "'").toList()) + ")::text";
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (String table : tables) {
            if (party == Party.ATTACKER && REQUEST_RECORDS.contains(table)) {
                continue;
            }
            snapshot.put(
                    table,
                    jdbc.sql("SELECT count(*) || ' rows ' || coalesce(md5(string_agg(" + row + ", '|' ORDER BY " + row
                                    + ")), '') FROM \"" + table + "\" t WHERE account_id = ?")
                            .param(accountId)
                            .query(String.class)
                            .single());
        }
        snapshot.put(
                "account",
                jdbc.sql("SELECT md5(" + row + ") FROM account t WHERE id = ?")
                        .param(accountId)
                        .query(String.class)
                        .single());
        return snapshot;
    }

    // ---- requests

    EasCall eas(String command) {
        return new EasCall(command);
    }

    HttpCall rest(String method, String path) {
        return new HttpCall(method, path).auth(attacker.basic());
    }

    /** An Autodiscover request for the address, signed in as the attacker. */
    Outcome autodiscover(String xml, String... headers) throws Exception {
        HttpCall call = new HttpCall("POST", "/autodiscover/autodiscover.xml")
                .auth(attacker.basic())
                .body("text/xml", xml.getBytes(StandardCharsets.UTF_8));
        for (String header : headers) {
            call.header(header);
        }
        return call.send();
    }

    static String autodiscoverRequest(String address) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006">
                  <Request>
                    <EMailAddress>%s</EMailAddress>
                    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006</AcceptableResponseSchema>
                  </Request>
                </Autodiscover>
                """.formatted(address);
    }

    /** A conversation with the LMTP listener; the outcome holds every reply after the greeting. */
    Outcome lmtp(LmtpScript script) throws Exception {
        try (LmtpClient client = new LmtpClient(lmtpPort)) {
            assertThat(client.reply()).startsWith("220 ");
            List<String> replies = new ArrayList<>();
            script.run(new Lmtp(client, replies));
            return Outcome.lmtp(replies);
        }
    }

    @FunctionalInterface
    interface LmtpScript {
        void run(Lmtp lmtp) throws Exception;
    }

    /** Sends LMTP lines and keeps every reply. */
    record Lmtp(LmtpClient client, List<String> replies) {

        Lmtp say(String line) throws Exception {
            replies.add(client.command(line));
            return this;
        }

        Lmtp raw(byte[] bytes, int expectedReplies) throws Exception {
            client.send(bytes);
            for (int i = 0; i < expectedReplies; i++) {
                replies.add(client.reply());
            }
            return this;
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] wbxml(WbxmlElement document) {
        return new WbxmlEncoder().encode(document);
    }

    static WbxmlElement syncOf(String collectionId, String syncKey, @Nullable WbxmlElement commands) {
        WbxmlElement collection = WbxmlElement.of(CodePage.AIRSYNC, "Collection")
                .add("SyncKey", syncKey)
                .add("CollectionId", collectionId);
        if (commands != null) {
            collection.add(commands);
        }
        return WbxmlElement.of(CodePage.AIRSYNC, "Sync")
                .add(WbxmlElement.of(CodePage.AIRSYNC, "Collections").add(collection));
    }

    /** An ActiveSync request, by default the attacker's phone's with its credentials and policy key. */
    final class EasCall implements Attack.Request {
        private final String command;
        private String path = "/Microsoft-Server-ActiveSync";
        private @Nullable String query;
        private String user = attacker.address();
        private String deviceId = attacker.deviceId;
        private String deviceType = "SmartPhone";
        private @Nullable String authorization = attacker.basic();
        private @Nullable String policyKey = Long.toString(attacker.phone.policyKey());
        private final List<String> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private String contentType = "application/vnd.ms-sync.wbxml";
        private boolean chunked;

        private EasCall(String command) {
            this.command = command;
        }

        EasCall path(String path) {
            this.path = path;
            return this;
        }

        /** The whole query string, sent as given. */
        EasCall query(String query) {
            this.query = query;
            return this;
        }

        EasCall user(String user) {
            this.user = user;
            return this;
        }

        EasCall deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        EasCall deviceType(String deviceType) {
            this.deviceType = deviceType;
            return this;
        }

        EasCall authorization(@Nullable String authorization) {
            this.authorization = authorization;
            return this;
        }

        EasCall policyKey(@Nullable String policyKey) {
            this.policyKey = policyKey;
            return this;
        }

        EasCall header(String line) {
            headers.add(line);
            return this;
        }

        EasCall body(WbxmlElement document) {
            return body(wbxml(document));
        }

        EasCall body(byte[] body) {
            this.body = body;
            return this;
        }

        EasCall contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** Sends the body chunked, without a Content-Length. */
        EasCall chunked() {
            this.chunked = true;
            return this;
        }

        String target() {
            return path + "?"
                    + (query != null
                            ? query
                            : "Cmd=" + command + "&User=" + user + "&DeviceId=" + deviceId + "&DeviceType="
                                    + deviceType);
        }

        List<String> headerLines() {
            List<String> lines = new ArrayList<>();
            if (authorization != null) {
                lines.add("Authorization: " + authorization);
            }
            lines.add("MS-ASProtocolVersion: 14.1");
            if (policyKey != null) {
                lines.add("X-MS-PolicyKey: " + policyKey);
            }
            lines.add("Content-Type: " + contentType);
            lines.add(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length);
            lines.addAll(headers);
            return lines;
        }

        @Override
        public Outcome send(Arena arena) throws Exception {
            return send();
        }

        /**
         * Sends the request. When the attacker's own phone is answered with new sync keys (an attack the server
         * serves as the attacker's own request), the arena follows them, so later attacks use current keys.
         */
        Outcome send() throws Exception {
            byte[] head = RawHttp.head("POST", target(), headerLines());
            Outcome outcome = Outcome.http(RawHttp.exchange(port, head, chunked ? chunk(body) : body));
            if (query == null
                    && deviceId.equals(attacker.deviceId)
                    && outcome.status() == 200
                    && outcome.header("Content-Type").startsWith("application/vnd.ms-sync.wbxml")) {
                follow(outcome.wbxml());
            }
            return outcome;
        }

        private void follow(WbxmlElement response) {
            if (command.startsWith("Folder") && response.text("Status").equals(Optional.of("1"))) {
                response.text("SyncKey").ifPresent(key -> attacker.folderSyncKey = key);
            }
            if (command.equals("Sync")) {
                response.child("Collections").stream()
                        .flatMap(collections -> collections.children("Collection").stream())
                        .filter(c -> c.text("CollectionId").equals(Optional.of(Long.toString(attacker.inbox))))
                        .filter(c -> c.text("Status").equals(Optional.of("1")))
                        .flatMap(c -> c.text("SyncKey").stream())
                        .forEach(key -> attacker.inboxSyncKey = key);
            }
        }
    }

    /** A request to the REST API, the actuator or Autodiscover, by default with the attacker's Basic credentials. */
    final class HttpCall implements Attack.Request {
        private final String method;
        private final String target;
        private @Nullable String authorization;
        private final List<String> headers = new ArrayList<>();
        private byte @Nullable [] body;
        private String contentType = "application/json";

        private HttpCall(String method, String target) {
            this.method = method;
            this.target = target;
        }

        HttpCall auth(@Nullable String authorization) {
            this.authorization = authorization;
            return this;
        }

        HttpCall anonymous() {
            return auth(null);
        }

        HttpCall bearer(String token) {
            return auth("Bearer " + token);
        }

        HttpCall header(String line) {
            headers.add(line);
            return this;
        }

        HttpCall json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        HttpCall body(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
            return this;
        }

        @Override
        public Outcome send(Arena arena) throws Exception {
            return send();
        }

        Outcome send() throws Exception {
            List<String> lines = new ArrayList<>();
            if (authorization != null) {
                lines.add("Authorization: " + authorization);
            }
            if (body != null) {
                lines.add("Content-Type: " + contentType);
                lines.add("Content-Length: " + body.length);
            }
            lines.addAll(headers);
            return Outcome.http(
                    RawHttp.exchange(port, RawHttp.head(method, target, lines), body == null ? new byte[0] : body));
        }
    }

    private static byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 64 * 1024;
        for (int at = 0; at < body.length; at += size) {
            int length = Math.min(size, body.length - at);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
