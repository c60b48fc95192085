package org.atoll.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.mime.Messages.crlf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeBodiesTest {

    @Test
    void extractShouldDecodeBothAlternativesFromTheirCharsets() {
        Bodies bodies = MimeBodies.extract(crlf("""
                Subject: b
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
                """));

        assertThat(bodies.plain()).isEqualTo("Grüße");
        assertThat(bodies.html()).isEqualTo("<p>Grüße</p>");
    }

    @Test
    void extractShouldSkipTextAttachments() {
        Bodies bodies = MimeBodies.extract(crlf("""
                Subject: b
                Content-Type: multipart/mixed; boundary=m

                --m
                Content-Type: text/plain
                Content-Disposition: attachment; filename=notes.txt

                not the body
                --m
                Content-Type: text/plain

                the body
                --m--
                """));

        assertThat(bodies.plain()).isEqualTo("the body");
        assertThat(bodies.html()).isNull();
    }

    @Test
    void undeclaredCharsetShouldBeUtf8WhenValidAndWindows1252Otherwise() {
        assertThat(MimeBodies.extract(crlf("Subject: u\n\nnaïve – ok\n")).plain())
                .isEqualTo("naïve – ok\r\n");
        assertThat(MimeBodies.extract(crlf("Subject: l\n\n\u0093quoted\u0094 caf\u00e9\n", StandardCharsets.ISO_8859_1))
                        .plain())
                .isEqualTo("“quoted” café\r\n");
    }

    @Test
    void unknownBodyCharsetShouldFallBackToDetection() {
        assertThat(MimeBodies.extract(crlf("Subject: u\nContent-Type: text/plain; charset=x-klingon\n\nGrüße\n"))
                        .plain())
                .isEqualTo("Grüße\r\n");
    }

    @Test
    void extractShouldNeverThrow() {
        assertThat(MimeBodies.extract(new byte[0]).plain()).isEmpty();
        assertThat(MimeBodies.extract(crlf("Content-Type: image/png\n\nxx"))).isEqualTo(new Bodies(null, null));
    }
}
