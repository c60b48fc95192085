package org.atoll.eas.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.atoll.push.FolderClass;
import org.atoll.push.PingOutcome;
import org.atoll.push.PingRequest;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The readers and writers of eas/message on their own: each malformation is answered with the Status its command
 * defines for it, and each writer puts the elements of its response record where MS-ASCMD puts them.
 */
class EasMessagesTest {

    private static final CodePage H = CodePage.FOLDER_HIERARCHY;
    private static final CodePage P = CodePage.PING;

    @Nested
    class FolderSync {

        @Test
        void aDocumentOfAnotherCommandShouldBeStatus10_MsAscmd_2_2_3_177_5() {
            assertStatus(
                    () -> FolderSyncMessage.INSTANCE.read(WbxmlElement.of(P, "Ping")),
                    FolderSyncMessage.Status.MALFORMED_REQUEST);
        }

        @Test
        void aMissingSyncKeyShouldBeStatus10() {
            assertStatus(
                    () -> FolderSyncMessage.INSTANCE.read(WbxmlElement.of(H, "FolderSync")),
                    FolderSyncMessage.Status.MALFORMED_REQUEST);
        }

        @Test
        void aKeyThisServerNeverIssuesShouldBeStatus9SoTheDeviceStartsOver_MsAscmd_2_2_3_181() {
            assertStatus(
                    () -> FolderSyncMessage.INSTANCE.read(
                            WbxmlElement.of(H, "FolderSync").add("SyncKey", "{6A3BF9B1-44C6-4E5F-9D1A}1")),
                    FolderSyncMessage.Status.INVALID_SYNC_KEY);
        }

        @Test
        void theFirstKeyShouldBeReadAsZero() throws MalformedRequest {
            assertThat(FolderSyncMessage.INSTANCE
                            .read(WbxmlElement.of(H, "FolderSync").add("SyncKey", "0"))
                            .syncKey())
                    .isZero();
        }

        @Test
        void changesShouldBeWrittenWithTheirCountAfterStatusAndSyncKey_MsAscmd_2_2_1_5() {
            WbxmlElement written = FolderSyncMessage.INSTANCE.write(new FolderSyncMessage.Changes(
                    7,
                    List.of(
                            new FolderSyncMessage.Folder(true, 12, null, "Inbox", 2),
                            new FolderSyncMessage.Folder(false, 13, 12L, "Lists", 12),
                            new FolderSyncMessage.Deleted(14))));

            assertThat(written)
                    .isEqualTo(WbxmlElement.of(H, "FolderSync")
                            .add("Status", "1")
                            .add("SyncKey", "7")
                            .add(WbxmlElement.of(H, "Changes")
                                    .add("Count", "3")
                                    .add(WbxmlElement.of(H, "Add")
                                            .add("ServerId", "12")
                                            .add("ParentId", "0")
                                            .add("DisplayName", "Inbox")
                                            .add("Type", "2"))
                                    .add(WbxmlElement.of(H, "Update")
                                            .add("ServerId", "13")
                                            .add("ParentId", "12")
                                            .add("DisplayName", "Lists")
                                            .add("Type", "12"))
                                    .add(WbxmlElement.of(H, "Delete").add("ServerId", "14"))));
        }
    }

    @Nested
    class FolderCreate {

        @Test
        void aTypeADeviceMayNotCreateShouldBeStatus10_MsAscmd_2_2_3_186_2() {
            assertStatus(
                    () -> FolderChangeMessages.CREATE.read(WbxmlElement.of(H, "FolderCreate")
                            .add("SyncKey", "3")
                            .add("ParentId", "0")
                            .add("DisplayName", "Mine")
                            .add("Type", "2")),
                    FolderChangeMessages.Status.MALFORMED_REQUEST);
        }

        @Test
        void aFolderCreateSentAsFolderDeleteShouldBeStatus10() {
            assertStatus(
                    () -> FolderChangeMessages.DELETE.read(WbxmlElement.of(H, "FolderCreate")
                            .add("SyncKey", "3")
                            .add("ServerId", "9")),
                    FolderChangeMessages.Status.MALFORMED_REQUEST);
        }

        @Test
        void theNewFolderShouldFollowTheNextKey() {
            assertThat(FolderChangeMessages.CREATE.write(
                            new FolderChangeMessages.Response(FolderChangeMessages.Status.SUCCESS, 4L, 21L)))
                    .isEqualTo(WbxmlElement.of(H, "FolderCreate")
                            .add("Status", "1")
                            .add("SyncKey", "4")
                            .add("ServerId", "21"));
        }
    }

    @Nested
    class Ping {

        @Test
        void neitherHeartbeatNorFoldersShouldBeStatus4_MsAscmd_2_2_1_13() {
            assertStatus(() -> PingMessage.INSTANCE.read(WbxmlElement.of(P, "Ping")), PingMessage.Status.SYNTAX_ERROR);
        }

        @Test
        void aSecondHeartbeatShouldBeStatus4() {
            assertStatus(
                    () -> PingMessage.INSTANCE.read(WbxmlElement.of(P, "Ping")
                            .add("HeartbeatInterval", "60")
                            .add("HeartbeatInterval", "120")),
                    PingMessage.Status.SYNTAX_ERROR);
        }

        @Test
        void aFolderOfAnUnknownClassShouldBeStatus4() {
            assertStatus(
                    () -> PingMessage.INSTANCE.read(WbxmlElement.of(P, "Ping")
                            .add(WbxmlElement.of(P, "Folders")
                                    .add(WbxmlElement.of(P, "Folder")
                                            .add("Id", "5")
                                            .add("Class", "Journal")))),
                    PingMessage.Status.SYNTAX_ERROR);
        }

        @Test
        void heartbeatAndFoldersShouldBeRead() throws MalformedRequest {
            PingRequest request = PingMessage.INSTANCE.read(WbxmlElement.of(P, "Ping")
                    .add("HeartbeatInterval", "480")
                    .add(WbxmlElement.of(P, "Folders")
                            .add(WbxmlElement.of(P, "Folder").add("Id", "5").add("Class", "Email"))));

            assertThat(request)
                    .isEqualTo(new PingRequest(480L, List.of(new PingRequest.WatchedFolder("5", FolderClass.EMAIL))));
        }

        @Test
        void aHeartbeatOutOfBoundsShouldCarryTheLimit_MsAscmd_2_2_3_177_11() {
            assertThat(PingMessage.INSTANCE.write(new PingOutcome.HeartbeatOutOfBounds(3540)))
                    .isEqualTo(WbxmlElement.of(P, "Ping").add("Status", "5").add("HeartbeatInterval", "3540"));
        }
    }

    @Nested
    class GetItemEstimate {

        private final GetItemEstimateMessage message = new GetItemEstimateMessage(2);

        @Test
        void noCollectionShouldBeStatus2_MsAscmd_2_2_3_177_6() {
            assertStatus(
                    () -> message.read(WbxmlElement.of(CodePage.GET_ITEM_ESTIMATE, "GetItemEstimate")),
                    GetItemEstimateMessage.Status.INVALID_COLLECTION);
        }

        @Test
        void oneCollectionMoreThanTheLimitShouldBeStatus2() {
            WbxmlElement collections = WbxmlElement.of(CodePage.GET_ITEM_ESTIMATE, "Collections");
            for (int i = 0; i < 3; i++) {
                collections.add(WbxmlElement.of(CodePage.GET_ITEM_ESTIMATE, "Collection")
                        .add("CollectionId", Integer.toString(i + 1)));
            }
            assertStatus(
                    () -> message.read(WbxmlElement.of(CodePage.GET_ITEM_ESTIMATE, "GetItemEstimate")
                            .add(collections)),
                    GetItemEstimateMessage.Status.INVALID_COLLECTION);
        }

        @Test
        void aCollectionIdThatIsNoFolderShouldBeKeptAsSentForItsOwnStatus() throws MalformedRequest {
            GetItemEstimateMessage.Request request =
                    message.read(WbxmlElement.of(CodePage.GET_ITEM_ESTIMATE, "GetItemEstimate")
                            .add(WbxmlElement.of(CodePage.GET_ITEM_ESTIMATE, "Collections")
                                    .add(WbxmlElement.of(CodePage.GET_ITEM_ESTIMATE, "Collection")
                                            .add("CollectionId", "inbox"))));

            assertThat(request.collections())
                    .containsExactly(new GetItemEstimateMessage.Collection("inbox", null, null, null));
        }
    }

    @Nested
    class ResolveRecipients {

        private final ResolveRecipientsMessage message = new ResolveRecipientsMessage(100);
        private static final CodePage R = CodePage.RESOLVE_RECIPIENTS;

        @Test
        void noToShouldBeStatus5_MsAscmd_2_2_3_177_12() {
            assertStatus(
                    () -> message.read(WbxmlElement.of(R, "ResolveRecipients")),
                    ResolveRecipientsMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void moreAmbiguousRecipientsThanTheDirectoryListsShouldBeStatus5() {
            assertStatus(
                    () -> message.read(WbxmlElement.of(R, "ResolveRecipients")
                            .add("To", "ann")
                            .add(WbxmlElement.of(R, "Options").add("MaxAmbiguousRecipients", "101"))),
                    ResolveRecipientsMessage.Status.PROTOCOL_ERROR);
        }
    }

    @Nested
    class ValidateCert {

        private static final CodePage V = CodePage.VALIDATE_CERT;

        @Test
        void aCheckCrlOtherThan0Or1ShouldBeStatus2_MsAscmd_2_2_3_177_18() {
            assertStatus(
                    () -> new ValidateCertMessage(32)
                            .read(WbxmlElement.of(V, "ValidateCert")
                                    .add(WbxmlElement.of(V, "Certificates").add("Certificate", "MIIB"))
                                    .add("CheckCRL", "2")),
                    ValidateCertMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void certificatesBeyondTheLimitShouldBeStatus2() {
            WbxmlElement certificates = WbxmlElement.of(V, "Certificates")
                    .add("Certificate", "MIIB")
                    .add("Certificate", "MIIC");
            assertStatus(
                    () -> new ValidateCertMessage(1)
                            .read(WbxmlElement.of(V, "ValidateCert").add(certificates)),
                    ValidateCertMessage.Status.PROTOCOL_ERROR);
        }
    }

    @Nested
    class ComposeMail {

        private static final CodePage C = CodePage.COMPOSE_MAIL;
        private final ComposeMailMessage smartReply = new ComposeMailMessage("SmartReply", true, false);

        @Test
        void anAccountIdShouldBeStatus166_MsAscmd_2_2_2() {
            assertStatus(
                    () -> smartReply.read(WbxmlElement.of(C, "SmartReply")
                            .add("ClientId", "1")
                            .add("AccountId", "other")),
                    ComposeMailMessage.Status.INVALID_ACCOUNT_ID);
        }

        @Test
        void aReplyWithoutSourceShouldBeStatus103() {
            assertStatus(
                    () -> smartReply.read(WbxmlElement.of(C, "SmartReply")
                            .add("ClientId", "1")
                            .add(WbxmlElement.opaque(C, "Mime", new byte[] {'x'}))),
                    ComposeMailMessage.Status.INVALID_XML);
        }

        @Test
        void aClientIdWithASpaceShouldBeStatus103() {
            assertStatus(
                    () -> new ComposeMailMessage("SendMail", false, false)
                            .read(WbxmlElement.of(C, "SendMail")
                                    .add("ClientId", "a b")
                                    .add(WbxmlElement.opaque(C, "Mime", new byte[] {'x'}))),
                    ComposeMailMessage.Status.INVALID_XML);
        }
    }

    @Nested
    class Find {

        private static final CodePage F = CodePage.FIND;

        @Test
        void aSearchIdThatIsNoGuidShouldBeStatus2_MsAscmd_2_2_3_160() {
            assertStatus(
                    () -> new FindMessage(new FindMessage.Range(0, 99))
                            .read(WbxmlElement.of(F, "Find").add("SearchId", "search-1")),
                    FindMessage.Status.INVALID_REQUEST);
        }
    }

    @Nested
    class MoveItems {

        private static final CodePage M = CodePage.MOVE;
        private final MoveItemsMessage message = new MoveItemsMessage(2);

        @Test
        void aDocumentWithoutMoveShouldBeStatus5_MsAscmd_2_2_3_177_10() {
            assertStatus(() -> message.read(WbxmlElement.of(M, "MoveItems")), MoveItemsMessage.Status.MOVE_FAILED);
        }

        @Test
        void oneMoveMoreThanTheLimitShouldBeStatus5() {
            WbxmlElement document = WbxmlElement.of(M, "MoveItems");
            for (int i = 0; i < 3; i++) {
                document.add(WbxmlElement.of(M, "Move").add("SrcMsgId", "5:" + i));
            }
            assertStatus(() -> message.read(document), MoveItemsMessage.Status.MOVE_FAILED);
        }

        @Test
        void aFolderIdThatIsNoNumberShouldBeReadAsNoneForItsOwnStatus() throws MalformedRequest {
            MoveItemsMessage.Request request = message.read(WbxmlElement.of(M, "MoveItems")
                    .add(WbxmlElement.of(M, "Move")
                            .add("SrcMsgId", "5:9")
                            .add("SrcFldId", "inbox")
                            .add("DstFldId", "7")));

            assertThat(request.moves()).containsExactly(new MoveItemsMessage.Move("5:9", null, 7L));
        }

        @Test
        void aMovedItemShouldCarryItsNewServerIdAfterItsStatus_MsAscmd_2_2_1_12() {
            WbxmlElement written = message.write(new MoveItemsMessage.Response(List.of(
                    new MoveItemsMessage.Result("5:9", MoveItemsMessage.Status.SUCCESS, "7:9"),
                    new MoveItemsMessage.Result("5:8", MoveItemsMessage.Status.INVALID_SOURCE, null))));

            assertThat(written)
                    .isEqualTo(WbxmlElement.of(M, "MoveItems")
                            .add(WbxmlElement.of(M, "Response")
                                    .add("SrcMsgId", "5:9")
                                    .add("Status", "3")
                                    .add("DstMsgId", "7:9"))
                            .add(WbxmlElement.of(M, "Response")
                                    .add("SrcMsgId", "5:8")
                                    .add("Status", "1")));
        }
    }

    @Nested
    class ItemOperations {

        private static final CodePage I = CodePage.ITEM_OPERATIONS;
        private final ItemOperationsMessage message = ItemOperationsMessage.INSTANCE;

        @Test
        void aDocumentWithoutOperationShouldBeStatus2_MsAscmd_2_2_3_177_7() {
            assertStatus(
                    () -> message.read(WbxmlElement.of(I, "ItemOperations")),
                    ItemOperationsMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void aDocumentOfAnotherCommandShouldBeStatus2() {
            assertStatus(
                    () -> message.read(WbxmlElement.of(P, "Ping").add("HeartbeatInterval", "60")),
                    ItemOperationsMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void aRangeEndingBeforeItStartsShouldBeKeptForStatus8_MsAscmd_2_2_3_143_2() throws MalformedRequest {
            ItemOperationsMessage.Request request = message.read(WbxmlElement.of(I, "ItemOperations")
                    .add(WbxmlElement.of(I, "Fetch")
                            .add("Store", "Mailbox")
                            .add(CodePage.AIRSYNCBASE, "FileReference", "12:2")
                            .add(WbxmlElement.of(I, "Options").add("Range", "10-3"))));

            assertThat(request.operations())
                    .singleElement()
                    .isInstanceOfSatisfying(ItemOperationsMessage.Fetch.class, fetch -> {
                        assertThat(fetch.options().malformedRange()).isTrue();
                        assertThat(fetch.options().range()).isNull();
                    });
        }

        @Test
        void aBodyPreferenceOfType5ShouldBeKeptForStatus2() throws MalformedRequest {
            ItemOperationsMessage.Request request = message.read(WbxmlElement.of(I, "ItemOperations")
                    .add(WbxmlElement.of(I, "Fetch")
                            .add("Store", "Mailbox")
                            .add(CodePage.AIRSYNC, "CollectionId", "5")
                            .add(CodePage.AIRSYNC, "ServerId", "5:9")
                            .add(WbxmlElement.of(I, "Options")
                                    .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "BodyPreference")
                                            .add("Type", "5")))));

            assertThat(request.operations())
                    .singleElement()
                    .isInstanceOfSatisfying(
                            ItemOperationsMessage.Fetch.class,
                            fetch -> assertThat(fetch.options().malformedBody()).isTrue());
        }

        @Test
        void anElementThatIsNoOperationShouldBeAnsweredUnderItsOwnNameWithStatus2() throws MalformedRequest {
            ItemOperationsMessage.Request request =
                    message.read(WbxmlElement.of(I, "ItemOperations").add(WbxmlElement.of(I, "Store")));
            ItemOperationsMessage.Operation operation = request.operations().getFirst();

            assertThat(message.write(new ItemOperationsMessage.Response(List.of(new ItemOperationsMessage.NotRun(
                            operation.answerName(), ItemOperationsMessage.Status.PROTOCOL_ERROR)))))
                    .isEqualTo(WbxmlElement.of(I, "ItemOperations")
                            .add("Status", "1")
                            .add(WbxmlElement.of(I, "Response")
                                    .add(WbxmlElement.of(I, "Store").add("Status", "2"))));
        }

        @Test
        void aFetchedRangeShouldCarryContentTypeRangeTotalAndData_MsAscmd_2_2_3_67_1() {
            WbxmlElement written =
                    message.write(new ItemOperationsMessage.Response(List.of(new ItemOperationsMessage.Fetched(
                            ItemOperationsMessage.Status.SUCCESS,
                            "12:2",
                            null,
                            null,
                            null,
                            new ItemOperationsMessage.AttachmentContent(
                                    "text/plain", new ItemOperationsMessage.Range(0, 2), 10, new byte[] {'a', 'b', 'c'
                                    })))));

            assertThat(written)
                    .isEqualTo(WbxmlElement.of(I, "ItemOperations")
                            .add("Status", "1")
                            .add(WbxmlElement.of(I, "Response")
                                    .add(WbxmlElement.of(I, "Fetch")
                                            .add("Status", "1")
                                            .add(CodePage.AIRSYNCBASE, "FileReference", "12:2")
                                            .add(WbxmlElement.of(I, "Properties")
                                                    .add(CodePage.AIRSYNCBASE, "ContentType", "text/plain")
                                                    .add("Range", "0-2")
                                                    .add("Total", "10")
                                                    .add("Data", "YWJj")))));
        }
    }

    @Nested
    class Sync {

        private static final CodePage A = CodePage.AIRSYNC;
        private final SyncMessage message = new SyncMessage(2, 2);

        private WbxmlElement collection(String syncKey, String collectionId) {
            return WbxmlElement.of(A, "Collection").add("SyncKey", syncKey).add("CollectionId", collectionId);
        }

        private WbxmlElement sync(WbxmlElement... collections) {
            WbxmlElement list = WbxmlElement.of(A, "Collections");
            for (WbxmlElement collection : collections) {
                list.add(collection);
            }
            return WbxmlElement.of(A, "Sync").add(list);
        }

        @Test
        void aDocumentOfAnotherCommandShouldBeStatus4_MsAscmd_2_2_3_177_17() {
            assertStatus(() -> message.read(WbxmlElement.of(P, "Ping")), SyncMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void noCollectionWithoutPartialShouldBeStatus4() {
            assertStatus(() -> message.read(sync()), SyncMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void oneCollectionMoreThanTheLimitShouldBeStatus15() {
            assertStatus(
                    () -> message.read(sync(collection("1", "5"), collection("1", "6"), collection("1", "7"))),
                    SyncMessage.Status.TOO_MANY_COLLECTIONS);
        }

        @Test
        void waitAndHeartbeatIntervalTogetherShouldBeStatus4_MsAscmd_2_2_3_198() {
            assertStatus(
                    () -> message.read(
                            sync(collection("1", "5")).add("Wait", "5").add("HeartbeatInterval", "300")),
                    SyncMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void aWindowSizeOfZeroShouldBeStatus4_MsAscmd_2_2_3_199() {
            assertStatus(
                    () -> message.read(sync(collection("1", "5")).add("WindowSize", "0")),
                    SyncMessage.Status.PROTOCOL_ERROR);
        }

        @Test
        void eachMalformedCollectionShouldBeRefusedOnItsOwn() throws MalformedRequest {
            SyncMessage.Request request = message.read(sync(
                    collection("{6A3BF9B1-44C6-4E5F-9D1A}1", "5"),
                    collection("1", "6")
                            .add(WbxmlElement.of(A, "Commands")
                                    .add(WbxmlElement.of(A, "Add"))
                                    .add(WbxmlElement.of(A, "Add"))
                                    .add(WbxmlElement.of(A, "Add")))));

            assertThat(request.collections())
                    .containsExactly(
                            new SyncMessage.Refused("5", SyncMessage.Status.INVALID_SYNC_KEY),
                            new SyncMessage.Refused("6", SyncMessage.Status.PROTOCOL_ERROR));
        }

        @Test
        void aCollectionShouldCarryItsKeyOptionsAndCommands() throws MalformedRequest {
            WbxmlElement data = WbxmlElement.of(A, "ApplicationData").add(CodePage.EMAIL, "Read", "1");
            SyncMessage.Request request = message.read(sync(collection("3", "5")
                            .add("WindowSize", "600")
                            .add(WbxmlElement.of(A, "Options").add("FilterType", "3"))
                            .add(WbxmlElement.of(A, "Commands")
                                    .add(WbxmlElement.of(A, "Change")
                                            .add("ServerId", "5:9")
                                            .add(data))))
                    .add("HeartbeatInterval", "300"));

            assertThat(request.interval()).isEqualTo(new SyncMessage.Interval(300, false));
            assertThat(request.carriesChanges()).isTrue();
            assertThat(request.collections()).singleElement().isInstanceOfSatisfying(SyncMessage.Named.class, named -> {
                assertThat(named.folderId()).isEqualTo(5);
                assertThat(named.syncKey()).isEqualTo(3);
                assertThat(named.options().windowSize()).isEqualTo(512);
                assertThat(named.options().filter()).isEqualTo(org.atoll.sync.FilterType.ONE_WEEK);
                assertThat(named.commands()).containsExactly(new SyncMessage.Change("5:9", data, false));
            });
        }

        @Test
        void anIntervalOutOfBoundsShouldBeStatus14WithTheLimit_MsAscmd_2_2_3_177_17() {
            assertThat(message.write(new SyncMessage.Failed(SyncMessage.Status.INVALID_WAIT, 59L)))
                    .isEqualTo(WbxmlElement.of(A, "Sync").add("Status", "14").add("Limit", "59"));
        }

        @Test
        void aSyncedCollectionShouldPutKeyIdStatusMoreAvailableCommandsAndResponsesInOrder_MsAscmd_2_2_1_21() {
            WbxmlElement data = WbxmlElement.of(A, "ApplicationData").add(CodePage.EMAIL, "Read", "1");
            WbxmlElement written = message.write(new SyncMessage.Synced(List.of(
                    new SyncMessage.CollectionSynced(
                            "5",
                            4,
                            true,
                            List.of(new SyncMessage.ServerChange("5:9", data), new SyncMessage.ServerSoftDelete("5:8")),
                            List.of(new SyncMessage.AddResult(
                                    "c1",
                                    "5:10",
                                    org.atoll.sync.ItemStatus.SUCCESS,
                                    List.of(new SyncMessage.AttachmentReference("a1", "10:2"))))),
                    new SyncMessage.CollectionFailed("6", "0", SyncMessage.Status.INVALID_SYNC_KEY))));

            assertThat(written)
                    .isEqualTo(WbxmlElement.of(A, "Sync")
                            .add(WbxmlElement.of(A, "Collections")
                                    .add(WbxmlElement.of(A, "Collection")
                                            .add("SyncKey", "4")
                                            .add("CollectionId", "5")
                                            .add("Status", "1")
                                            .addEmpty("MoreAvailable")
                                            .add(WbxmlElement.of(A, "Commands")
                                                    .add(WbxmlElement.of(A, "Change")
                                                            .add("ServerId", "5:9")
                                                            .add(data))
                                                    .add(WbxmlElement.of(A, "SoftDelete")
                                                            .add("ServerId", "5:8")))
                                            .add(WbxmlElement.of(A, "Responses")
                                                    .add(WbxmlElement.of(A, "Add")
                                                            .add("ClientId", "c1")
                                                            .add("ServerId", "5:10")
                                                            .add("Status", "1")
                                                            .add(WbxmlElement.of(A, "ApplicationData")
                                                                    .add(WbxmlElement.of(
                                                                                    CodePage.AIRSYNCBASE, "Attachments")
                                                                            .add(WbxmlElement.of(
                                                                                            CodePage.AIRSYNCBASE,
                                                                                            "Attachment")
                                                                                    .add("ClientId", "a1")
                                                                                    .add("FileReference", "10:2")))))))
                                    .add(WbxmlElement.of(A, "Collection")
                                            .add("SyncKey", "0")
                                            .add("CollectionId", "6")
                                            .add("Status", "3"))));
        }
    }

    private interface Read {
        Object run() throws MalformedRequest;
    }

    private static void assertStatus(Read read, WireStatus status) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(
                        MalformedRequest.class, e -> assertThat(e.status()).isEqualTo(status));
    }
}
