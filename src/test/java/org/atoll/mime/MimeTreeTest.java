package org.atoll.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MimeTree reads header sections with Angus's line reader looked up once, in place of {@link InternetHeaders}'s own
 * loading; the two must read every section alike, down to where the body starts.
 */
class MimeTreeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Subject: plain\r\nFrom: a@example.org\r\n\r\nbody\r\n",
                "Subject: folded\r\n over two\r\n\tand three lines\r\nTo: b@example.org\r\n\r\nbody",
                " leading continuation\r\nSubject: after it\r\n\r\nbody",
                "  \r\nSubject: blank continuation first\r\n\r\n",
                "Subject: bare LF\nX-A: 1\n\nbody\n",
                "No colon in this line\r\nSubject: x\r\n\r\n",
                "Subject: no body at all",
                "Subject: trailing folded\r\n \r\n\r\nbody",
                "\r\nbody right away",
                "",
                "Subject: =?utf-8?Q?caf=C3=A9?=\r\nX-Latin: caf\u00e9\r\n\r\nbody"
            })
    void headerSectionShouldReadAsJakartaMailReadsIt(String text) throws Exception {
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream ours = new ByteArrayInputStream(raw);
        ByteArrayInputStream theirs = new ByteArrayInputStream(raw);

        InternetHeaders read = MimeTree.headers(ours);
        InternetHeaders expected = new InternetHeaders(theirs);

        assertThat(lines(read)).isEqualTo(lines(expected));
        assertThat(ours.readAllBytes()).isEqualTo(theirs.readAllBytes());
    }

    private static List<String> lines(InternetHeaders headers) {
        return Collections.list(headers.getAllHeaderLines());
    }
}
