package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * OPTIONS lists only commands Atoll answers (MS-ASHTTP 2.2.4.1.2.1 MS-ASCommands): every command it lists is sent
 * here with a minimal valid request by a 16.1 device, and each must be answered by its own handler, never with 501.
 * A command added to OPTIONS without a request here, or without a row naming the test classes that send it, fails
 * this test; every command left out is answered 501.
 */
@AtollTest
class OptionsCommandsTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    /** What one command's request is and what a served answer looks like. */
    private record Exercise(String moreQuery, String contentType, byte[] body, String root) {

        static Exercise wbxml(WbxmlElement request) {
            return new Exercise(
                    "", "application/vnd.ms-sync.wbxml", new WbxmlEncoder().encode(request), request.name());
        }

        /** A command answered with an empty body on success (SendMail, SmartReply, SmartForward). */
        static Exercise silent(WbxmlElement request) {
            return new Exercise("", "application/vnd.ms-sync.wbxml", new WbxmlEncoder().encode(request), "");
        }
    }

    @Test
    void everyCommandListedShouldBeAnsweredByItsOwnHandler() throws Exception {
        AccountView account = TestAccounts.open(accounts, "options");
        AccountView colleague = TestAccounts.open(accounts, "colleague");
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        long trash =
                mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id();
        MessageView message = mailboxes.deliver(account.id(), inbox, withAttachment(account.address()), null);
        String serverId = inbox + ":" + message.id();
        String fileReference =
                message.id() + ":" + message.attachments().getFirst().partPath();
        EasDevice device = new EasDevice(port, account.address(), PASSWORD, "Everything", "16.1").provision();
        String folderKey = device.folderSync("0").text("SyncKey").orElseThrow();

        Map<String, Exercise> exercises = new LinkedHashMap<>();
        CodePage a = CodePage.AIRSYNC;
        exercises.put(
                "Sync",
                Exercise.wbxml(WbxmlElement.of(a, "Sync")
                        .add(WbxmlElement.of(a, "Collections")
                                .add(WbxmlElement.of(a, "Collection")
                                        .add("SyncKey", "0")
                                        .add("CollectionId", Long.toString(inbox))))));
        CodePage c = CodePage.COMPOSE_MAIL;
        String mime = "To: " + colleague.address() + "\r\nSubject: Hello\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHi.\r\n";
        exercises.put(
                "SendMail",
                Exercise.silent(WbxmlElement.of(c, "SendMail")
                        .add("ClientId", "options-send")
                        .add(WbxmlElement.opaque(c, "Mime", mime.getBytes(StandardCharsets.UTF_8)))));
        for (String smart : List.of("SmartReply", "SmartForward")) {
            exercises.put(
                    smart,
                    Exercise.silent(WbxmlElement.of(c, smart)
                            .add("ClientId", "options-" + smart)
                            .add(WbxmlElement.of(c, "Source").add("ItemId", serverId))
                            .add(WbxmlElement.opaque(c, "Mime", mime.getBytes(StandardCharsets.UTF_8)))));
        }
        exercises.put(
                "GetAttachment", new Exercise("&AttachmentName=" + fileReference, "text/plain", new byte[0], "bytes"));
        CodePage h = CodePage.FOLDER_HIERARCHY;
        exercises.put(
                "FolderSync", Exercise.wbxml(WbxmlElement.of(h, "FolderSync").add("SyncKey", folderKey)));
        exercises.put(
                "FolderCreate",
                Exercise.wbxml(WbxmlElement.of(h, "FolderCreate")
                        .add("SyncKey", folderKey)
                        .add("ParentId", "0")
                        .add("DisplayName", "Made by OPTIONS")
                        .add("Type", "12")));
        exercises.put(
                "FolderUpdate",
                Exercise.wbxml(WbxmlElement.of(h, "FolderUpdate")
                        .add("SyncKey", folderKey)
                        .add("ServerId", Long.toString(trash))
                        .add("ParentId", "0")
                        .add("DisplayName", "Renamed")));
        exercises.put(
                "FolderDelete",
                Exercise.wbxml(WbxmlElement.of(h, "FolderDelete")
                        .add("SyncKey", folderKey)
                        .add("ServerId", Long.toString(trash))));
        CodePage m = CodePage.MOVE;
        exercises.put(
                "MoveItems",
                Exercise.wbxml(WbxmlElement.of(m, "MoveItems")
                        .add(WbxmlElement.of(m, "Move")
                                .add("SrcMsgId", serverId)
                                .add("SrcFldId", Long.toString(inbox))
                                .add("DstFldId", Long.toString(inbox)))));
        CodePage e = CodePage.GET_ITEM_ESTIMATE;
        exercises.put(
                "GetItemEstimate",
                Exercise.wbxml(WbxmlElement.of(e, "GetItemEstimate")
                        .add(WbxmlElement.of(e, "Collections")
                                .add(WbxmlElement.of(e, "Collection")
                                        .add(a, "SyncKey", "1")
                                        .add("CollectionId", Long.toString(inbox))))));
        CodePage s = CodePage.SEARCH;
        exercises.put(
                "Search",
                Exercise.wbxml(WbxmlElement.of(s, "Search")
                        .add(WbxmlElement.of(s, "Store")
                                .add("Name", "GAL")
                                .add("Query", "colleague")
                                .add(WbxmlElement.of(s, "Options").add("Range", "0-9")))));
        CodePage f = CodePage.FIND;
        exercises.put(
                "Find",
                Exercise.wbxml(WbxmlElement.of(f, "Find")
                        .add("SearchId", "6b1c2a4e-0f3d-4b5a-9c8e-7d6f5e4a3b2c")
                        .add(WbxmlElement.of(f, "ExecuteSearch")
                                .add(WbxmlElement.of(f, "GalSearchCriterion")
                                        .add(WbxmlElement.of(f, "Query").add("FreeText", "colleague"))
                                        .add(WbxmlElement.of(f, "Options").add("Range", "0-9"))))));
        CodePage t = CodePage.SETTINGS;
        exercises.put(
                "Settings",
                Exercise.wbxml(WbxmlElement.of(t, "Settings")
                        .add(WbxmlElement.of(t, "UserInformation").add(WbxmlElement.of(t, "Get")))));
        CodePage p = CodePage.PING;
        exercises.put("Ping", Exercise.wbxml(WbxmlElement.of(p, "Ping").add("HeartbeatInterval", "1")));
        CodePage i = CodePage.ITEM_OPERATIONS;
        exercises.put(
                "ItemOperations",
                Exercise.wbxml(WbxmlElement.of(i, "ItemOperations")
                        .add(WbxmlElement.of(i, "Fetch")
                                .add("Store", "Mailbox")
                                .add(a, "CollectionId", Long.toString(inbox))
                                .add(a, "ServerId", serverId))));
        CodePage pr = CodePage.PROVISION;
        exercises.put(
                "Provision",
                Exercise.wbxml(WbxmlElement.of(pr, "Provision")
                        .add(WbxmlElement.of(pr, "Policies")
                                .add(WbxmlElement.of(pr, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML")))));
        CodePage r = CodePage.RESOLVE_RECIPIENTS;
        exercises.put(
                "ResolveRecipients",
                Exercise.wbxml(WbxmlElement.of(r, "ResolveRecipients").add("To", colleague.address())));
        CodePage mr = CodePage.MEETING_RESPONSE;
        exercises.put(
                "MeetingResponse",
                Exercise.wbxml(WbxmlElement.of(mr, "MeetingResponse")
                        .add(WbxmlElement.of(mr, "Request")
                                .add("UserResponse", "1")
                                .add("CollectionId", Long.toString(inbox))
                                .add("RequestId", serverId))));
        CodePage v = CodePage.VALIDATE_CERT;
        exercises.put(
                "ValidateCert",
                Exercise.wbxml(WbxmlElement.of(v, "ValidateCert")
                        .add(WbxmlElement.of(v, "Certificates")
                                .add("Certificate", Base64.getEncoder().encodeToString(new byte[] {0x30, 0})))));

        List<String> listed = Arrays.asList(options(account.address()).split(","));
        assertThat(exercises.keySet())
                .as("a request here for every command OPTIONS lists")
                .containsAll(listed);
        for (String command : listed) {
            Exercise exercise = exercises.get(command);
            HttpResponse<byte[]> response =
                    device.post(command, exercise.moreQuery(), exercise.contentType(), exercise.body());
            assertThat(response.statusCode()).as("HTTP status of %s", command).isEqualTo(200);
            switch (exercise.root()) {
                case "" ->
                    assertThat(response.body())
                            .as("%s succeeds with an empty body", command)
                            .isEmpty();
                case "bytes" ->
                    assertThat(new String(response.body(), StandardCharsets.UTF_8))
                            .as("the attachment's bytes")
                            .isEqualTo("Attached words");
                default ->
                    assertThat(new WbxmlDecoder().decode(response.body()).name())
                            .as("the root element answering %s", command)
                            .isEqualTo(exercise.root());
            }
        }
    }

    /**
     * The test classes that exercise each command in depth, over HTTP with real WBXML. Each one must exist and send
     * the command by name; a command OPTIONS lists without a row here fails.
     */
    private static final Map<String, List<Class<?>>> COVERED_BY = Map.ofEntries(
            Map.entry("Sync", List.of(SyncTest.class, HangingSyncTest.class)),
            Map.entry("SendMail", List.of(ComposeMailTest.class)),
            Map.entry("SmartReply", List.of(ComposeMailTest.class)),
            Map.entry("SmartForward", List.of(ComposeMailTest.class, Eas16SessionTest.class)),
            Map.entry("GetAttachment", List.of(GetAttachmentTest.class)),
            Map.entry("FolderSync", List.of(FolderSyncTest.class)),
            Map.entry("FolderCreate", List.of(FolderSyncTest.class)),
            Map.entry("FolderUpdate", List.of(FolderSyncTest.class)),
            Map.entry("FolderDelete", List.of(FolderSyncTest.class)),
            Map.entry("MoveItems", List.of(ItemCommandsTest.class)),
            Map.entry("GetItemEstimate", List.of(ItemCommandsTest.class)),
            Map.entry("Search", List.of(MailboxSearchTest.class, DirectoryCommandsTest.class)),
            Map.entry("Find", List.of(FindTest.class, EveryClientSessionAt161Test.class)),
            Map.entry("Settings", List.of(SettingsTest.class, OutOfOfficeTest.class)),
            Map.entry("Ping", List.of(PingTest.class)),
            Map.entry("ItemOperations", List.of(ItemCommandsTest.class, ItemOperationsBoundsTest.class)),
            Map.entry("Provision", List.of(ProvisionTest.class)),
            Map.entry("ResolveRecipients", List.of(DirectoryCommandsTest.class, EveryClientSessionAt161Test.class)),
            Map.entry("ValidateCert", List.of(ValidateCertTest.class)),
            Map.entry("MeetingResponse", List.of(MeetingResponseTest.class)));

    @Test
    void everyCommandListedShouldHaveATestClassThatSendsIt() throws Exception {
        AccountView account = TestAccounts.open(accounts, "coverage");

        List<String> listed = Arrays.asList(options(account.address()).split(","));

        assertThat(COVERED_BY.keySet())
                .as("a covering test for every command OPTIONS lists")
                .containsAll(listed);
        for (String command : listed) {
            for (Class<?> test : COVERED_BY.get(command)) {
                Path source = Path.of("src/test/java", test.getName().replace('.', '/') + ".java");
                assertThat(source).as("source of %s", test.getSimpleName()).exists();
                assertThat(Files.readString(source))
                        .as("%s sends %s", test.getSimpleName(), command)
                        .contains("\"" + command + "\"")
                        .contains("@Test");
            }
        }
    }

    /**
     * Every command OPTIONS leaves out is one Atoll cannot answer, and is answered 501 (MS-ASHTTP 3.1.5.2) even at
     * 16.1; so is a command the device's protocol version does not have (Find below 16.1, MS-ASCMD 2.2.1.2).
     */
    @Test
    void everyCommandLeftOutOrNotOfTheDevicesVersionShouldBeAnswered501() throws Exception {
        AccountView account = TestAccounts.open(accounts, "left-out");
        EasDevice device = new EasDevice(port, account.address(), PASSWORD, "LeftOut", "16.1").provision();
        EasDevice older = new EasDevice(port, account.address(), PASSWORD, "Older", "14.1").provision();
        List<String> listed = Arrays.asList(options(account.address()).split(","));
        List<String> leftOut = Arrays.stream(EasCommand.values())
                .map(EasCommand::commandName)
                .filter(command -> !listed.contains(command))
                .toList();

        for (String command : leftOut) {
            assertThat(device.post(command, new byte[0]).statusCode())
                    .as("HTTP status of %s", command)
                    .isEqualTo(501);
        }
        assertThat(older.post("Find", new byte[0]).statusCode())
                .as("HTTP status of Find at 14.1")
                .isEqualTo(501);
    }

    private String options(String address) throws Exception {
        HttpResponse<String> options = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString((address + ":" + PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return options.headers().firstValue("MS-ASProtocolCommands").orElseThrow();
    }

    private static byte[] withAttachment(String to) {
        return ("From: someone@example.org\r\nTo: " + to + "\r\nSubject: With a file\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                        + "See the file.\r\n--b\r\nContent-Type: text/plain; name=words.txt\r\n"
                        + "Content-Disposition: attachment; filename=words.txt\r\n\r\nAttached words\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
