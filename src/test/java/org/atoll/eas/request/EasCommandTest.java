package org.atoll.eas.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command table of MS-ASHTTP 2.2.1.1.1.1.2 and the parameter table of 2.2.1.1.1.1.3. */
class EasCommandTest {

    @Test
    void codesShouldMatchTheSpecificationTable() {
        Map<String, Integer> table = new LinkedHashMap<>();
        table.put("Sync", 0);
        table.put("SendMail", 1);
        table.put("SmartForward", 2);
        table.put("SmartReply", 3);
        table.put("GetAttachment", 4);
        table.put("FolderSync", 9);
        table.put("FolderCreate", 10);
        table.put("FolderDelete", 11);
        table.put("FolderUpdate", 12);
        table.put("MoveItems", 13);
        table.put("GetItemEstimate", 14);
        table.put("MeetingResponse", 15);
        table.put("Search", 16);
        table.put("Settings", 17);
        table.put("Ping", 18);
        table.put("ItemOperations", 19);
        table.put("Provision", 20);
        table.put("ResolveRecipients", 21);
        table.put("ValidateCert", 22);
        table.put("Find", 23);

        Map<String, Integer> actual = new LinkedHashMap<>();
        Arrays.stream(EasCommand.values()).forEach(c -> actual.put(c.commandName(), c.code()));
        assertThat(actual).containsExactlyEntriesOf(table);
        table.forEach((name, code) -> {
            assertThat(EasCommand.forCode(code)).map(EasCommand::commandName).contains(name);
            assertThat(EasCommand.forName(name)).map(EasCommand::code).contains(code);
        });
    }

    @Test
    void namesShouldMatchIgnoringCaseAsAbnfStringsDo() {
        assertThat(EasCommand.forName("foldersync")).contains(EasCommand.FOLDER_SYNC);
        assertThat(EasCommand.forName("PING")).contains(EasCommand.PING);
    }

    @Test
    void retiredAndUnlistedCodesShouldBeUnknown() {
        for (int code : new int[] {5, 6, 7, 8, 24, 255, -1}) {
            assertThat(EasCommand.forCode(code)).as("code %d", code).isEmpty();
        }
        assertThat(EasCommand.forName("GetHierarchy")).isEmpty();
        assertThat(EasCommand.forName("")).isEmpty();
    }

    @Test
    void parameterTagsShouldMatchTheSpecificationTable() {
        assertThat(Arrays.stream(EasParameter.values()).map(p -> p.parameterName() + "=" + p.tag()))
                .containsExactly("AttachmentName=0", "CollectionId=1", "ItemId=3", "LongId=4", "Occurrence=6");
        assertThat(EasOption.fromBits(0x03))
                .containsExactlyInAnyOrder(EasOption.SAVE_IN_SENT, EasOption.ACCEPT_MULTI_PART);
        assertThat(EasOption.fromBits(0xFC)).isEmpty();
    }

    @Test
    void versionsShouldMapBetweenHeaderTextAndBase64Byte() {
        assertThat(EasProtocolVersion.forBase64Code(121))
                .map(EasProtocolVersion::text)
                .contains("12.1");
        assertThat(EasProtocolVersion.forBase64Code(140))
                .map(EasProtocolVersion::text)
                .contains("14.0");
        assertThat(EasProtocolVersion.forBase64Code(141))
                .map(EasProtocolVersion::text)
                .contains("14.1");
        assertThat(EasProtocolVersion.forBase64Code(160))
                .map(EasProtocolVersion::text)
                .contains("16.0");
        assertThat(EasProtocolVersion.forBase64Code(161))
                .map(EasProtocolVersion::text)
                .contains("16.1");
        assertThat(EasProtocolVersion.forBase64Code(25)).isEmpty();
        assertThat(EasProtocolVersion.forBase64Code(120)).isEmpty();
        assertThat(EasProtocolVersion.forText("2.5")).contains(EasProtocolVersion.V2_5);
        assertThat(EasProtocolVersion.forText("14")).isEmpty();
    }
}
