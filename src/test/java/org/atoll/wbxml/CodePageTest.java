package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The code page tables of MS-ASWBXML 2.1.2.1 and a round trip of every tag they define. */
class CodePageTest {

    private final WbxmlDecoder decoder = new WbxmlDecoder();
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    @Test
    void numbersThePages0To25InSpecOrder() {
        List<String> namespaces =
                Stream.of(CodePage.values()).map(CodePage::namespace).toList();

        assertThat(namespaces)
                .containsExactly(
                        "AirSync",
                        "Contacts",
                        "Email",
                        "AirNotify",
                        "Calendar",
                        "Move",
                        "GetItemEstimate",
                        "FolderHierarchy",
                        "MeetingResponse",
                        "Tasks",
                        "ResolveRecipients",
                        "ValidateCert",
                        "Contacts2",
                        "Ping",
                        "Provision",
                        "Search",
                        "GAL",
                        "AirSyncBase",
                        "Settings",
                        "DocumentLibrary",
                        "ItemOperations",
                        "ComposeMail",
                        "Email2",
                        "Notes",
                        "RightsManagement",
                        "Find");
        for (CodePage page : CodePage.values()) {
            assertThat(page.number()).isEqualTo(page.ordinal());
            assertThat(CodePage.byNumber(page.number())).contains(page);
            assertThat(CodePage.byNamespace(page.namespace())).contains(page);
        }
        assertThat(CodePage.byNumber(26)).isEmpty();
        assertThat(CodePage.byNumber(-1)).isEmpty();
        assertThat(CodePage.byNamespace("airsync")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CodePage.class)
    void hasNoDuplicateTokensOrNamesAndOnlyTagTokens(CodePage page) {
        Map<Integer, String> tags = page.tags();

        assertThat(new HashSet<>(tags.values())).hasSameSizeAs(tags.values());
        assertThat(tags.keySet()).allSatisfy(token -> assertThat(token).isBetween(0x05, 0x3F));
        tags.forEach((token, name) -> {
            assertThat(page.token(name)).contains(token);
            assertThat(page.tagName(token)).contains(name);
        });
    }

    @Test
    void definesTheTagCountsOfTheSpecTables() {
        assertThat(CodePage.AIRSYNC.tags()).hasSize(34);
        assertThat(CodePage.CONTACTS.tags()).hasSize(57);
        assertThat(CodePage.EMAIL.tags()).hasSize(58);
        assertThat(CodePage.AIRNOTIFY.tags()).isEmpty();
        assertThat(CodePage.FOLDER_HIERARCHY.tags()).hasSize(17);
        assertThat(CodePage.PROVISION.tags()).hasSize(54);
        assertThat(CodePage.AIRSYNCBASE.tags()).hasSize(40);
        assertThat(CodePage.FIND.tags()).hasSize(22);
        int total = Stream.of(CodePage.values()).mapToInt(p -> p.tags().size()).sum();
        assertThat(total).isGreaterThan(500);
    }

    @Test
    void knowsTagsTheVectorsAndHandlersRelyOn() {
        assertThat(CodePage.AIRSYNC.token("Sync")).contains(0x05);
        assertThat(CodePage.AIRSYNC.token("HeartbeatInterval")).contains(0x29);
        assertThat(CodePage.EMAIL.token("Status")).contains(0x3B);
        assertThat(CodePage.FOLDER_HIERARCHY.token("FolderSync")).contains(0x16);
        assertThat(CodePage.PING.token("HeartbeatInterval")).contains(0x08);
        assertThat(CodePage.PROVISION.token("AccountOnlyRemoteWipe")).contains(0x3B);
        assertThat(CodePage.COMPOSE_MAIL.token("Mime")).contains(0x10);
        assertThat(CodePage.EMAIL2.token("ConversationId")).contains(0x09);
        assertThat(CodePage.FIND.token("Picture")).contains(0x22);
        assertThat(CodePage.AIRSYNC.tagName(0x11)).isEmpty();
        assertThat(CodePage.AIRSYNC.token("Synchronize")).isEmpty();
    }

    static Stream<Arguments> everyTag() {
        return Stream.of(CodePage.values())
                .flatMap(page ->
                        page.tags().entrySet().stream().map(tag -> Arguments.of(page, tag.getKey(), tag.getValue())));
    }

    @ParameterizedTest(name = "{0} 0x{1} {2}")
    @MethodSource("everyTag")
    void roundTripsEveryTagOnEveryCodePage(CodePage page, int token, String name) throws WbxmlException {
        String switchPage = page.number() == 0 ? "" : String.format(" 00 %02X", page.number());
        WbxmlElement withText = WbxmlElement.text(page, name, "x");
        WbxmlElement empty = WbxmlElement.of(page, name);

        byte[] textBytes = encoder.encode(withText);
        byte[] emptyBytes = encoder.encode(empty);

        assertThat(Bytes.hex(textBytes))
                .isEqualTo(Bytes.hex(
                        Bytes.hex(Bytes.HEADER + switchPage + String.format(" %02X 03 78 00 01", token | 0x40))));
        assertThat(Bytes.hex(emptyBytes))
                .isEqualTo(Bytes.hex(Bytes.hex(Bytes.HEADER + switchPage + String.format(" %02X", token))));
        assertThat(decoder.decode(textBytes)).isEqualTo(withText);
        assertThat(decoder.decode(emptyBytes)).isEqualTo(empty);
    }

    @Test
    void roundTripsEveryTagOfEveryPageInOneDocument() throws WbxmlException {
        WbxmlElement root = WbxmlElement.of(CodePage.AIRSYNC, "Sync");
        Set<CodePage> pages = new HashSet<>();
        for (CodePage page : CodePage.values()) {
            WbxmlElement holder = WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData");
            page.tags().values().forEach(name -> holder.add(page, name, page.namespace() + ":" + name));
            root.add(holder);
            pages.add(page);
        }

        assertThat(decoder.decode(encoder.encode(root))).isEqualTo(root);
        assertThat(pages).hasSize(26);
    }
}
