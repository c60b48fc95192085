package org.atoll.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.mime.Messages.crlf;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MimeParser#parseWithText} reads a message once for what delivery stores: the envelope {@link MimeParser#parse}
 * gives and the body text {@link MimeBodies#extract} gives, which delivery read in two walks of the same bytes before.
 * Each message below is one way the two reads could part: where the preview stops reading, which body the text comes
 * from, and what a broken part does to the malformed flag.
 */
class ParseWithTextTest {

    private static final MimeLimits SMALL_PREVIEW_SCAN = new MimeLimits(1000, 20, 65_536, 255, 64);

    static Stream<Arguments> messages() {
        String longBody = "Grüße aus dem Atoll – ".repeat(20_000);
        return Stream.of(
                Arguments.of("plain", crlf("Subject: a\nFrom: Ana <ana@example.org>\n\nHello   there,\n\n Ana\n")),
                Arguments.of("no header, no body", crlf("\n")),
                Arguments.of("garbage", new byte[] {0x00, (byte) 0xff, 'x', '\r', '\n', 'S', 0x01}),
                Arguments.of(
                        "plain beyond the preview scan, cut inside a multi-byte character",
                        crlf("Subject: long\nContent-Type: text/plain; charset=utf-8\n\n" + longBody)),
                Arguments.of(
                        "undeclared 8-bit beyond the preview scan, UTF-8 only in its first part",
                        concat(
                                crlf("Subject: mixed\n\n" + "naïve ".repeat(60_000)),
                                "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))),
                Arguments.of("HTML only", crlf("""
                        Subject: h
                        Content-Type: text/html; charset=utf-8

                        <html><body><p>Hello <b>you</b></p><p>second</p></body></html>
                        """)),
                Arguments.of("empty plain before HTML", crlf("""
                        Subject: e
                        Content-Type: multipart/alternative; boundary=a

                        --a
                        Content-Type: text/plain

                        \s
                        --a
                        Content-Type: text/html

                        <p>from the HTML</p>
                        --a--
                        """)),
                Arguments.of("alternative with an attachment and an inline image", crlf("""
                        Subject: m
                        Content-Type: multipart/mixed; boundary=m

                        --m
                        Content-Type: multipart/alternative; boundary=a

                        --a
                        Content-Type: text/plain; charset=ISO-8859-1
                        Content-Transfer-Encoding: quoted-printable

                        Gr=FC=DFe
                        --a
                        Content-Type: text/html; charset=UTF-8
                        Content-Transfer-Encoding: base64

                        PHA+R3LDvMOfZTwvcD4=
                        --a--
                        --m
                        Content-Type: image/png
                        Content-ID: <logo@x>
                        Content-Transfer-Encoding: base64

                        iVBORw0KGgo=
                        --m
                        Content-Type: application/pdf; name="report.pdf"
                        Content-Disposition: attachment; filename="report.pdf"
                        Content-Transfer-Encoding: base64

                        JVBERi0xLjQK
                        --m--
                        """)),
                Arguments.of("truncated multipart", crlf("""
                        Subject: t
                        Content-Type: multipart/mixed; boundary=m

                        --m
                        Content-Type: text/plain

                        cut off before the end
                        """)),
                Arguments.of("broken base64 body", crlf("""
                        Subject: b
                        Content-Type: text/plain; charset=utf-8
                        Content-Transfer-Encoding: base64

                        SGVsbG8gd29ybGQ=!!!%%%
                        ****
                        """)),
                Arguments.of("invitation", crlf("""
                        Subject: Invitation
                        Content-Type: multipart/alternative; boundary=a

                        --a
                        Content-Type: text/plain

                        Come along
                        --a
                        Content-Type: text/calendar; method=REQUEST; charset=utf-8

                        BEGIN:VCALENDAR
                        METHOD:REQUEST
                        END:VCALENDAR
                        --a--
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void parseWithTextShouldGiveWhatParseAndExtractGive(String what, byte[] raw) {
        MimeParser parser = new MimeParser();

        ParsedWithText read = parser.parseWithText(raw);

        assertThat(read.envelope()).isEqualTo(parser.parse(raw));
        assertThat(read.bodyText()).isEqualTo(MimeBodies.extract(raw).text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void parseWithTextShouldTakeThePreviewFromWhereParseStopsReading(String what, byte[] raw) {
        MimeParser parser = new MimeParser(SMALL_PREVIEW_SCAN);

        ParsedWithText read = parser.parseWithText(raw);

        assertThat(read.envelope()).isEqualTo(parser.parse(raw));
        assertThat(read.bodyText())
                .isEqualTo(MimeBodies.extract(raw, SMALL_PREVIEW_SCAN).text());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
