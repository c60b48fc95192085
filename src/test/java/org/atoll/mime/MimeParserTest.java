package org.atoll.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.atoll.mime.Messages.crlf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MimeParserTest {

    private final MimeParser parser = new MimeParser();

    @Nested
    class Envelope {

        @Test
        void alternativeShouldPreviewThePlainPartAndReportHtml() {
            ParsedMessage message = parser.parse(crlf("""
                    From: Lena Brückner <lena@example.org>
                    To: "Doe, Sam" <sam@example.net>, kim@example.test
                    Cc: Team <team@example.org>
                    Reply-To: lists@example.org
                    Subject: Quarterly numbers
                    Date: Tue, 3 Mar 2026 09:15:00 +0100
                    Message-ID: <q1.2026@example.org>
                    MIME-Version: 1.0
                    Content-Type: multipart/alternative; boundary="alt"

                    --alt
                    Content-Type: text/plain; charset=utf-8

                    Hello Sam,

                      the   numbers are in.
                    --alt
                    Content-Type: text/html; charset=utf-8

                    <html><body><p>Hello <b>Sam</b>,</p><p>HTML version</p></body></html>
                    --alt--
                    """));

            assertThat(message.subject()).isEqualTo("Quarterly numbers");
            assertThat(message.from()).isEqualTo("Lena Brückner <lena@example.org>");
            assertThat(message.fromAddress()).isEqualTo("lena@example.org");
            assertThat(message.to()).containsExactly("\"Doe, Sam\" <sam@example.net>", "kim@example.test");
            assertThat(message.cc()).containsExactly("Team <team@example.org>");
            assertThat(message.replyTo()).containsExactly("lists@example.org");
            assertThat(message.displayTo()).isEqualTo("Doe, Sam; kim@example.test");
            assertThat(message.date()).isEqualTo(Instant.parse("2026-03-03T08:15:00Z"));
            assertThat(message.messageId()).isEqualTo("q1.2026@example.org");
            assertThat(message.preview()).isEqualTo("Hello Sam, the numbers are in.");
            assertThat(message.hasHtml()).isTrue();
            assertThat(message.attachments()).isEmpty();
            assertThat(message.importance()).isEqualTo(Importance.NORMAL);
            assertThat(message.malformed()).isFalse();
        }

        @Test
        void previewShouldComeFromHtmlWhenThereIsNoPlainPart() {
            ParsedMessage message = parser.parse(crlf("""
                    From: news@example.org
                    Subject: Newsletter
                    Content-Type: text/html; charset=utf-8

                    <html><head><title>T</title><style>p {color: red}</style></head>
                    <body><p>Caf&eacute; &amp; more</p><script>var x = 1;</script><div>Next&nbsp;line</div></body></html>
                    """));

            assertThat(message.preview()).isEqualTo("Café & more Next line");
            assertThat(message.hasHtml()).isTrue();
        }

        @Test
        void previewShouldBeCutAt255Characters() {
            ParsedMessage message = parser.parse(crlf("Subject: long\n\n" + "word ".repeat(200) + "\n"));

            assertThat(message.preview()).hasSize(255).startsWith("word word");
            assertThat(message.malformed()).isFalse();
        }

        @Test
        void sizeShouldBeTheRawLength() {
            byte[] raw = crlf("Subject: x\n\nbody\n");

            assertThat(parser.parse(raw).size()).isEqualTo(raw.length);
        }

        @Test
        void idsShouldLoseTheirAngleBrackets() {
            ParsedMessage message = parser.parse(crlf("""
                    Subject: Re: Plan
                    Message-ID: <c@example.org>
                    In-Reply-To: <b@example.org> (from Kim)
                    References: <a@example.org>
                     <b@example.org>

                    ok
                    """));

            assertThat(message.messageId()).isEqualTo("c@example.org");
            assertThat(message.inReplyTo()).isEqualTo("b@example.org");
            assertThat(message.references()).containsExactly("a@example.org", "b@example.org");
        }

        @Test
        void groupsShouldExpandToTheirMembers() {
            ParsedMessage message = parser.parse(crlf("""
                    To: undisclosed-recipients:;
                    Cc: Crew: Ana <ana@example.org>, bo@example.net;
                    Subject: g

                    x
                    """));

            assertThat(message.to()).isEmpty();
            assertThat(message.displayTo()).isEmpty();
            assertThat(message.cc()).containsExactly("Ana <ana@example.org>", "bo@example.net");
        }

        @Test
        void invalidDateShouldBeNull() {
            assertThat(parser.parse(crlf("Date: yesterday-ish\nSubject: d\n\nx\n"))
                            .date())
                    .isNull();
        }
    }

    @Nested
    class ThreadTopic {

        @Test
        void threadTopicShouldStripRepeatedReplyAndForwardPrefixes() {
            assertThat(topic("Re: Fwd: AW: Budget 2026")).isEqualTo("Budget 2026");
            assertThat(topic("RE: re[2]: Sv: WG: FW: Plan")).isEqualTo("Plan");
            assertThat(topic("Reunion planning")).isEqualTo("Reunion planning");
            assertThat(topic("Fwd:Re:")).isEmpty();
        }

        @Test
        void threadTopicHeaderShouldWinOverTheSubject() {
            ParsedMessage message = parser.parse(crlf("Subject: RE: Plan B\nThread-Topic: Plan\n\nx\n"));

            assertThat(message.threadTopic()).isEqualTo("Plan");
        }

        private String topic(String subject) {
            return parser.parse(crlf("Subject: " + subject + "\n\nx\n")).threadTopic();
        }
    }

    @Nested
    class ImportanceHeaders {

        @Test
        void xPriorityOneShouldBeHigh() {
            assertThat(importance("X-Priority: 1 (Highest)")).isEqualTo(Importance.HIGH);
        }

        @Test
        void importanceLowShouldBeLow() {
            assertThat(importance("Importance: low")).isEqualTo(Importance.LOW);
        }

        @Test
        void importanceHeaderShouldWinOverXPriority() {
            assertThat(importance("Importance: High\nX-Priority: 5")).isEqualTo(Importance.HIGH);
        }

        @Test
        void priorityHeadersShouldBeReadWhenNothingElseIsThere() {
            assertThat(importance("X-MSMail-Priority: Low")).isEqualTo(Importance.LOW);
            assertThat(importance("Priority: urgent")).isEqualTo(Importance.HIGH);
            assertThat(importance("X-Priority: 3")).isEqualTo(Importance.NORMAL);
            assertThat(importance("X-Priority: garbage")).isEqualTo(Importance.NORMAL);
        }

        @Test
        void wireCodesShouldBeZeroOneTwo() {
            assertThat(Importance.LOW.code()).isZero();
            assertThat(Importance.NORMAL.code()).isEqualTo(1);
            assertThat(Importance.HIGH.code()).isEqualTo(2);
            assertThat(Importance.fromCode(2)).isEqualTo(Importance.HIGH);
            assertThatIllegalArgumentException().isThrownBy(() -> Importance.fromCode(3));
        }

        private Importance importance(String headers) {
            return parser.parse(crlf("Subject: p\n" + headers + "\n\nx\n")).importance();
        }
    }

    @Nested
    class Charsets {

        @Test
        void encodedWordsShouldDecodeInSubjectFromAndFileName() {
            ParsedMessage message = parser.parse(crlf("""
                    From: =?UTF-8?B?5L2Q6JekIOiKseWtkA==?= <hanako@example.test>
                    To: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <jm@example.org>
                    Subject: =?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: text/plain

                    see attachment
                    --b
                    Content-Type: application/pdf; name="=?UTF-8?Q?=C3=9Cbersicht.pdf?="
                    Content-Disposition: attachment; filename="=?UTF-8?Q?=C3=9Cbersicht.pdf?="
                    Content-Transfer-Encoding: base64

                    JVBERi0xLjQK
                    --b
                    Content-Type: application/octet-stream
                    Content-Disposition: attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%20%F0%9F%8E%89.txt

                    abc
                    --b--
                    """));

            assertThat(message.subject()).isEqualTo("Grüße aus Köln");
            assertThat(message.from()).isEqualTo("佐藤 花子 <hanako@example.test>");
            assertThat(message.to()).containsExactly("Jürgen Müller <jm@example.org>");
            assertThat(message.attachments())
                    .extracting(AttachmentInfo::fileName)
                    .containsExactly("Übersicht.pdf", "Résumé 🎉.txt");
            assertThat(message.malformed()).isFalse();
        }

        @Test
        void adjacentEncodedWordsShouldJoinEvenWhenACharacterIsSplitBetweenThem() {
            // "Grüße" in UTF-8 with the two bytes of "ü" in different words.
            ParsedMessage message =
                    parser.parse(crlf("Subject: =?UTF-8?Q?Gr=C3?= =?UTF-8?Q?=BC=C3=9Fe?= and more\n\nx\n"));

            assertThat(message.subject()).isEqualTo("Grüße and more");
        }

        @Test
        void encodedWordGluedToTextShouldStillDecode() {
            assertThat(parser.parse(crlf("Subject: Preis:=?UTF-8?Q?_10=E2=82=AC?=!\n\nx\n"))
                            .subject())
                    .isEqualTo("Preis: 10€!");
        }

        @Test
        void unknownCharsetShouldFallBackInsteadOfFailing() {
            assertThat(parser.parse(crlf("Subject: =?x-no-such-charset?Q?Gr=C3=BC=C3=9Fe?=\n\nx\n"))
                            .subject())
                    .isEqualTo("Grüße");
            assertThat(parser.parse(crlf("Subject: =?x-no-such-charset?Q?Gr=FC=DFe?=\n\nx\n"))
                            .subject())
                    .isEqualTo("Grüße");
        }

        @Test
        void brokenEncodedWordShouldStayAsWritten() {
            assertThat(parser.parse(crlf("Subject: =?UTF-8?B?###?= left\n\nx\n"))
                            .subject())
                    .isEqualTo("=?UTF-8?B?###?= left");
        }

        @Test
        void raw8BitUtf8HeadersShouldDecode() {
            ParsedMessage message = parser.parse(crlf("""
                    From: Jürgen Weiß <jw@example.org>
                    To: 山田 太郎 <taro@example.test>
                    Subject: Grüße, café, 日本語 🎉

                    Body: ÄÖÜ
                    """));

            assertThat(message.subject()).isEqualTo("Grüße, café, 日本語 🎉");
            assertThat(message.from()).isEqualTo("Jürgen Weiß <jw@example.org>");
            assertThat(message.displayTo()).isEqualTo("山田 太郎");
            assertThat(message.preview()).isEqualTo("Body: ÄÖÜ");
        }

        @Test
        void raw8BitLatin1HeadersShouldFallBackToLatin1() {
            ParsedMessage message = parser.parse(crlf("""
                    From: Jürgen Weiß <jw@example.org>
                    Subject: Grüße aus Köln

                    Bücher
                    """, StandardCharsets.ISO_8859_1));

            assertThat(message.subject()).isEqualTo("Grüße aus Köln");
            assertThat(message.from()).isEqualTo("Jürgen Weiß <jw@example.org>");
            assertThat(message.preview()).isEqualTo("Bücher");
        }

        @Test
        void declaredBodyCharsetShouldDecodeThePreview() {
            ParsedMessage message = parser.parse(crlf("""
                    Subject: qp
                    Content-Type: text/plain; charset=ISO-8859-1
                    Content-Transfer-Encoding: quoted-printable

                    Sch=F6ne Gr=FC=DFe =
                    aus M=FCnchen
                    """));

            assertThat(message.preview()).isEqualTo("Schöne Grüße aus München");
        }
    }

    @Nested
    class Attachments {

        private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        private static final byte[] PDF = "%PDF-1.4\n% test document\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        static byte[] nested() {
            return crlf("""
                    From: a@example.org
                    Subject: Report with logo
                    Content-Type: multipart/mixed; boundary="outer"

                    preamble is ignored
                    --outer
                    Content-Type: multipart/related; boundary="rel"; type="multipart/alternative"

                    --rel
                    Content-Type: multipart/alternative; boundary="alt"

                    --alt
                    Content-Type: text/plain; charset=us-ascii

                    See the report.
                    --alt
                    Content-Type: text/html; charset=us-ascii

                    <p>See the report. <img src="cid:logo@example.org"></p>
                    --alt--
                    --rel
                    Content-Type: image/png
                    Content-ID: <logo@example.org>
                    Content-Disposition: inline
                    Content-Transfer-Encoding: base64

                    %s
                    --rel--
                    --outer
                    Content-Type: application/pdf; name=report.pdf
                    Content-Disposition: attachment; filename="report.pdf"
                    Content-Transfer-Encoding: base64

                    %s
                    --outer
                    Content-Type: text/csv; charset=utf-8
                    Content-Disposition: attachment; filename=data.csv

                    a,b
                    1,2
                    --outer--
                    epilogue
                    """.formatted(
                            Base64.getMimeEncoder().encodeToString(PNG),
                            Base64.getMimeEncoder().encodeToString(PDF)));
        }

        @Test
        void nestedPartsShouldBeNumberedLikeImapSections() {
            ParsedMessage message = parser.parse(nested());

            assertThat(message.attachments())
                    .containsExactly(
                            new AttachmentInfo("1.2", null, "image/png", PNG.length, "logo@example.org", true),
                            new AttachmentInfo("2", "report.pdf", "application/pdf", PDF.length, null, false),
                            new AttachmentInfo("3", "data.csv", "text/csv", "a,b\r\n1,2".length(), null, false));
            assertThat(message.preview()).isEqualTo("See the report.");
            assertThat(message.hasHtml()).isTrue();
            assertThat(message.malformed()).isFalse();
        }

        @Test
        void partShouldReturnTheDecodedBytesOfAnAttachment() {
            assertThat(MimeBodies.part(nested(), "2")).hasValue(PDF);
            assertThat(MimeBodies.part(nested(), "1.2")).hasValue(PNG);
            assertThat(MimeBodies.part(nested(), "1.1.2"))
                    .hasValueSatisfying(html -> assertThat(new String(html, StandardCharsets.US_ASCII))
                            .startsWith("<p>See the report."));
        }

        @Test
        void partShouldBeEmptyForPathsThatNameNoPart() {
            assertThat(MimeBodies.part(nested(), "4")).isEmpty();
            assertThat(MimeBodies.part(nested(), "2.1")).isEmpty();
            assertThat(MimeBodies.part(nested(), "0")).isEmpty();
            assertThat(MimeBodies.part(nested(), "")).isEmpty();
            assertThat(MimeBodies.part(nested(), "1..2")).isEmpty();
            assertThat(MimeBodies.part(nested(), "x")).isEmpty();
        }

        @Test
        void singlePartBodyShouldBePartOne() {
            byte[] raw = crlf("Subject: s\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
                    + Base64.getEncoder().encodeToString(PDF) + "\n");

            assertThat(parser.parse(raw).attachments())
                    .containsExactly(new AttachmentInfo("1", null, "application/pdf", PDF.length, null, false));
            assertThat(MimeBodies.part(raw, "1")).hasValue(PDF);
        }

        @Test
        void attachedMessageShouldBeOneAttachmentNamedBySubject() {
            String inner = """
                    From: b@example.net
                    Subject: =?UTF-8?Q?Original_f=C3=BCr_dich?=
                    Content-Type: multipart/mixed; boundary=in

                    --in
                    Content-Type: text/plain

                    inner body
                    --in
                    Content-Type: image/png
                    Content-Disposition: attachment; filename=inner.png

                    png
                    --in--
                    """;
            byte[] raw = crlf("""
                    From: a@example.org
                    Subject: Fwd: Original
                    Content-Type: multipart/mixed; boundary=out

                    --out
                    Content-Type: text/plain

                    forwarding this
                    --out
                    Content-Type: message/rfc822

                    %s
                    --out--
                    """.formatted(inner.strip()));

            ParsedMessage message = parser.parse(raw);

            assertThat(message.preview()).isEqualTo("forwarding this");
            assertThat(message.attachments()).singleElement().satisfies(attachment -> {
                assertThat(attachment.partPath()).isEqualTo("2");
                assertThat(attachment.fileName()).isEqualTo("Original für dich.eml");
                assertThat(attachment.contentType()).isEqualTo("message/rfc822");
                assertThat(attachment.size()).isEqualTo(crlf(inner.strip()).length);
            });
            assertThat(MimeBodies.part(raw, "2").map(parser::parse).map(ParsedMessage::subject))
                    .hasValue("Original für dich");
            assertThat(MimeBodies.part(raw, "2.2")).hasValue("png".getBytes(StandardCharsets.US_ASCII));
        }

        @Test
        void fileNamesShouldSurviveSloppyAndSplitParameters() {
            ParsedMessage message = parser.parse(crlf("""
                    Subject: names
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: application/octet-stream
                    Content-Disposition: attachment; filename=annual report 2026.pdf

                    x
                    --b
                    Content-Type: application/octet-stream
                    Content-Disposition: attachment;
                     filename*0*=UTF-8''Gr%C3%BC%C3%9Fe%20aus;
                     filename*1*=%20K%C3%B6ln.txt

                    y
                    --b
                    Content-Type: application/octet-stream; name="Bücher.txt"

                    z
                    --b--
                    """));

            assertThat(message.attachments())
                    .extracting(AttachmentInfo::fileName)
                    .containsExactly("annual report 2026.pdf", "Grüße aus Köln.txt", "Bücher.txt");
        }

        @Test
        void fileNameShouldLoseDirectories() {
            ParsedMessage message = parser.parse(crlf("""
                    Subject: f
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: application/octet-stream; name="C:\\\\Users\\\\x\\\\plan.xlsx"

                    x
                    --b
                    Content-Type: application/octet-stream
                    Content-Disposition: attachment; filename="../../etc/passwd"

                    y
                    --b--
                    """));

            assertThat(message.attachments())
                    .extracting(AttachmentInfo::fileName)
                    .containsExactly("plan.xlsx", "passwd");
        }
    }

    @Nested
    class Malformed {

        @Test
        void missingClosingBoundaryShouldKeepWhatWasRead() {
            ParsedMessage message = parser.parse(crlf("""
                    From: a@example.org
                    Subject: cut off
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: text/plain

                    first part
                    --b
                    Content-Type: application/pdf
                    Content-Disposition: attachment; filename=a.pdf

                    %PDF
                    """));

            assertThat(message.subject()).isEqualTo("cut off");
            assertThat(message.preview()).isEqualTo("first part");
            assertThat(message.attachments())
                    .extracting(AttachmentInfo::fileName)
                    .containsExactly("a.pdf");
            assertThat(message.malformed()).isTrue();
        }

        @Test
        void missingBoundaryShouldStillGiveTheEnvelope() {
            ParsedMessage message = parser.parse(crlf("""
                    From: a@example.org
                    Subject: no boundary at all
                    Content-Type: multipart/mixed

                    just text
                    """));

            assertThat(message.subject()).isEqualTo("no boundary at all");
            assertThat(message.fromAddress()).isEqualTo("a@example.org");
            assertThat(message.malformed()).isTrue();
        }

        @Test
        void emptyInputShouldBeAnEmptyMalformedEnvelope() {
            ParsedMessage message = parser.parse(new byte[0]);

            assertThat(message.subject()).isNull();
            assertThat(message.from()).isNull();
            assertThat(message.to()).isEmpty();
            assertThat(message.size()).isZero();
            assertThat(message.preview()).isEmpty();
            assertThat(message.malformed()).isTrue();
        }

        @Test
        void binaryGarbageShouldBeMalformed() {
            byte[] garbage = new byte[4096];
            new Random(7).nextBytes(garbage);

            ParsedMessage message = parser.parse(garbage);

            assertThat(message.size()).isEqualTo(4096);
            assertThat(message.malformed()).isTrue();
        }

        @Test
        void headerLineWithoutColonShouldBeMalformedButKeepTheOtherFields() {
            ParsedMessage message =
                    parser.parse(crlf("Subject: kept\nthis is not a header\nFrom: a@example.org\n\nx\n"));

            assertThat(message.subject()).isEqualTo("kept");
            assertThat(message.fromAddress()).isEqualTo("a@example.org");
            assertThat(message.malformed()).isTrue();
        }

        @Test
        void headerOnlyMessageShouldBeWellFormed() {
            ParsedMessage message = parser.parse(crlf("From: a@example.org\nSubject: only headers"));

            assertThat(message.subject()).isEqualTo("only headers");
            assertThat(message.preview()).isEmpty();
            assertThat(message.malformed()).isFalse();
        }

        @Test
        void megabyteHeaderLineShouldBeCutAtTheLimit() {
            byte[] raw = crlf("Subject: " + "x".repeat(1 << 20) + "\nFrom: a@example.org\n\nbody\n");

            ParsedMessage message = parser.parse(raw);

            assertThat(message.subject()).hasSize(MimeLimits.DEFAULTS.maxHeaderChars() - 1);
            assertThat(message.fromAddress()).isEqualTo("a@example.org");
            assertThat(message.preview()).isEqualTo("body");
        }

        @Test
        void nestingDeeperThanTheLimitShouldBeMalformed() {
            MimeParser shallow = new MimeParser(new MimeLimits(1000, 3, 65_536, 255, 4096));

            assertThat(shallow.parse(nestedMultiparts(3)).malformed()).isFalse();
            assertThat(shallow.parse(nestedMultiparts(4)).malformed()).isTrue();
            assertThat(shallow.parse(nestedMultiparts(4)).subject()).isEqualTo("deep");
        }

        @Test
        void partsUpToTheLimitShouldBeWellFormed() {
            MimeParser few = new MimeParser(new MimeLimits(4, 20, 65_536, 255, 4096));

            ParsedMessage message = few.parse(images(3));

            assertThat(message.attachments()).hasSize(3);
            assertThat(message.malformed()).isFalse();
        }

        @Test
        void hundredThousandPartsShouldCostNoMoreThanTheLimit() {
            ParsedMessage message = parser.parse(images(100_000));

            assertThat(message.attachments()).hasSize(MimeLimits.DEFAULTS.maxParts() - 1);
            assertThat(message.attachments().getLast().partPath()).isEqualTo("999");
            assertThat(message.malformed()).isTrue();
        }

        private static byte[] images(int count) {
            StringBuilder raw = new StringBuilder("Subject: many\nContent-Type: multipart/mixed; boundary=b\n\n");
            for (int i = 0; i < count; i++) {
                raw.append("--b\nContent-Type: image/png\n\n").append(i).append('\n');
            }
            return crlf(raw.append("--b--\n").toString());
        }

        @Test
        void partsBeyondTheLimitShouldBeSkipped() {
            MimeParser few = new MimeParser(new MimeLimits(4, 20, 65_536, 255, 4096));
            StringBuilder raw = new StringBuilder("Subject: many\nContent-Type: multipart/mixed; boundary=b\n\n");
            for (int i = 0; i < 10; i++) {
                raw.append("--b\nContent-Type: image/png\n\n").append(i).append('\n');
            }
            raw.append("--b--\n");

            ParsedMessage message = few.parse(crlf(raw.toString()));

            assertThat(message.attachments()).hasSize(3);
            assertThat(message.malformed()).isTrue();
        }

        @Test
        void brokenBase64ShouldNotFailTheParse() {
            ParsedMessage message = parser.parse(crlf("""
                    Subject: bad base64
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: application/pdf
                    Content-Transfer-Encoding: base64

                    JVBERi0x!!!*** not base64 at all ===== ABC
                    --b--
                    """));

            assertThat(message.attachments()).hasSize(1);
            assertThat(message.subject()).isEqualTo("bad base64");
        }

        @Test
        void unknownTransferEncodingShouldReadTheContentAsIs() {
            ParsedMessage message = parser.parse(
                    crlf("Subject: u\nContent-Type: text/plain\nContent-Transfer-Encoding: x-fancy\n\nplain words\n"));

            assertThat(message.preview()).isEqualTo("plain words");
        }

        @Test
        void anyMutationOfAValidMessageShouldParseWithoutThrowing() {
            byte[] valid = Attachments.nested();
            Random random = new Random(42);
            for (int round = 0; round < 2000; round++) {
                byte[] mutated = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                for (int flips = random.nextInt(8); flips > 0 && mutated.length > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                assertThatNoException().isThrownBy(() -> {
                    parser.parse(mutated);
                    MimeBodies.extract(mutated);
                    MimeBodies.part(mutated, "1.2");
                });
            }
        }

        private static byte[] nestedMultiparts(int depth) {
            StringBuilder raw = new StringBuilder("Subject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n");
            for (int level = 1; level < depth; level++) {
                raw.append("--b")
                        .append(level - 1)
                        .append("\nContent-Type: multipart/mixed; boundary=b")
                        .append(level)
                        .append("\n\n");
            }
            raw.append("--b").append(depth - 1).append("\nContent-Type: text/plain\n\nbottom\n");
            for (int level = depth - 1; level >= 0; level--) {
                raw.append("--b").append(level).append("--\n");
            }
            return crlf(raw.toString());
        }
    }
}
