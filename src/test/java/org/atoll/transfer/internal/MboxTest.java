package org.atoll.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atoll.transfer.MboxFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The mbox reader and writer (mboxrd and mboxo quoting as in RFC 4155's appendix) and ZIP folder names. */
class MboxTest {

    static final class Collected implements MessageSink {
        final List<SourceMessage> messages = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean accept(SourceMessage message) {
            messages.add(message);
            return messages.size() < stopAfter;
        }

        @Override
        public void failed(String what, long bytes) {
            failures.add(what);
        }

        List<String> texts() {
            return messages.stream()
                    .map(m -> new String(m.raw(), StandardCharsets.ISO_8859_1))
                    .toList();
        }
    }

    static Collected read(String mbox, MboxFormat format, int max) {
        Collected sink = new Collected();
        new MboxReader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.ISO_8859_1)), format, max).read(sink);
        return sink;
    }

    @Nested
    class Writing {

        @Test
        void writtenMessagesShouldReadBackByteForByteWithTheirFlags() throws Exception {
            byte[] crlf = "Subject: a\r\n\r\nFrom here.\r\n>From there.\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] lf = "Subject: b\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
            byte[] binary = {'S', ':', ' ', 'c', '\n', '\n', 0, (byte) 0xff, '\r', '\n'};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MboxWriter writer = new MboxWriter(out);
            Instant when = Instant.parse("2026-11-28T10:00:00Z");
            writer.write("ana@example.org", when, crlf, true, true, false);
            writer.write("", when, lf, false, false, true);
            writer.write("bad sender\r\n", when, binary, false, false, false);

            Collected sink = new Collected();
            new MboxReader(new ByteArrayInputStream(out.toByteArray()), MboxFormat.MBOXRD, 1000).read(sink);

            assertThat(sink.messages).hasSize(3);
            assertThat(sink.messages.get(0).raw()).isEqualTo(crlf);
            assertThat(sink.messages.get(1).raw()).isEqualTo(lf);
            assertThat(sink.messages.get(2).raw()).isEqualTo(binary);
            assertThat(sink.messages.get(0))
                    .extracting(SourceMessage::seen, SourceMessage::answered, SourceMessage::flagged)
                    .containsExactly(true, true, false);
            assertThat(sink.messages.get(1))
                    .extracting(SourceMessage::seen, SourceMessage::answered, SourceMessage::flagged)
                    .containsExactly(false, false, true);
            assertThat(sink.messages).allSatisfy(m -> assertThat(m.receivedAt()).isEqualTo(when));
            assertThat(out.toString(StandardCharsets.ISO_8859_1))
                    .contains("\r\n>From here.\r\n>>From there.\r\n")
                    .contains("From MAILER-DAEMON Sat Nov 28 10:00:00 2026\n");
        }
    }

    @Nested
    class Reading {

        @Test
        void fromLineInsideAParagraphShouldNotStartAMessage() {
            Collected sink = read(
                    "From a Sat Nov 28 10:00:00 2026\nSubject: x\n\nline\nFrom b is no separator\n",
                    MboxFormat.MBOXRD,
                    1000);

            assertThat(sink.texts()).containsExactly("Subject: x\n\nline\nFrom b is no separator\n");
        }

        @Test
        void textBeforeTheFirstFromLineShouldBeAMessageOfItsOwn() {
            Collected sink = read(
                    "Subject: orphan\n\nx\n\nFrom a Sat Nov 28 10:00:00 2026\nSubject: y\n\ny\n",
                    MboxFormat.MBOXRD,
                    1000);

            assertThat(sink.texts()).containsExactly("Subject: orphan\n\nx\n", "Subject: y\n\ny\n");
            assertThat(sink.messages.getFirst().receivedAt()).isNull();
        }

        @Test
        void messageAboveTheLimitShouldBeReportedAndTheNextOneRead() {
            String big = "x".repeat(200) + "\n";
            Collected sink = read(
                    "From a Sat Nov 28 10:00:00 2026\nSubject: big\n\n" + big + big
                            + "\nFrom b Sat Nov 28 10:00:00 2026\nSubject: small\n\ns\n",
                    MboxFormat.MBOXRD,
                    300);

            assertThat(sink.failures).singleElement().asString().contains("larger than 300");
            assertThat(sink.texts()).containsExactly("Subject: small\n\ns\n");
        }

        @Test
        void lineLongerThanTheLimitShouldNotBeBufferedWhole() {
            Collected sink = read(
                    "From a Sat Nov 28 10:00:00 2026\nSubject: long\n\n" + "y".repeat(5000) + "\n",
                    MboxFormat.MBOXRD,
                    100);

            assertThat(sink.failures).hasSize(1);
            assertThat(sink.messages).isEmpty();
        }

        @Test
        void emptyMessageShouldBeReportedAsFailed() {
            Collected sink = read(
                    "From a Sat Nov 28 10:00:00 2026\n\nFrom b Sat Nov 28 10:00:00 2026\nS: x\n",
                    MboxFormat.MBOXRD,
                    100);

            assertThat(sink.failures).containsExactly("an empty message");
            assertThat(sink.texts()).containsExactly("S: x\n");
        }

        @Test
        void sinkThatSaysStopShouldGetNoMoreMessages() {
            Collected sink = new Collected();
            sink.stopAfter = 1;
            String mbox = "From a Sat Nov 28 10:00:00 2026\nS: 1\n\nFrom b Sat Nov 28 10:00:00 2026\nS: 2\n";
            new MboxReader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.US_ASCII)), MboxFormat.MBOXRD, 100)
                    .read(sink);

            assertThat(sink.messages).hasSize(1);
        }

        @Test
        void countShouldSeparateAsTheReaderDoes() {
            String mbox =
                    "From a Sat Nov 28 10:00:00 2026\nS: 1\n\nbody\nFrom x inside\n\nFrom b Sat Nov 28 10:00:00 2026\nS: 2\n";

            assertThat(MboxReader.count(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(2);
            assertThat(read(mbox, MboxFormat.MBOXRD, 1000).messages).hasSize(2);
        }
    }

    @Nested
    class ZipFolderNames {

        @Test
        void namesThatWouldBePathsShouldBeEncodedAndComeBackAsTheyWere() {
            for (String name :
                    List.of("..", ".hidden", "a/b", "50% off", "C:\\Windows", "Caf\u00e9 \u2615", "tab\there")) {
                String encoded = ZipNames.encode(name);

                assertThat(encoded).doesNotContain("/", "\\", ":", "\t").doesNotStartWith(".");
                assertThat(ZipNames.decode(encoded)).isEqualTo(name);
            }
            assertThat(ZipNames.encode("..")).isEqualTo("%2E.");
            assertThat(ZipNames.path("Archive/2024%2F25/")).containsExactly("Archive", "2024/25");
        }
    }

    @Test
    void maildirFlagsShouldComeFromTheInfoSuffix() {
        assertThat(MaildirSource.flags("1700000000.M1P2.host:2,FRS")).isEqualTo("FRS");
        assertThat(MaildirSource.flags("1700000000.M1P2.host!2,S")).isEqualTo("S");
        assertThat(MaildirSource.flags("1700000000.M1P2.host")).isEmpty();
    }
}
