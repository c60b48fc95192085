package org.atoll.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Coverage-guided fuzzing of the LMTP command-line syntax (RFC 2033 section 4): any line yields a verb and an
 * argument, and a MAIL or RCPT argument yields a path or nothing, never an exception.
 */
class LmtpCommandLineFuzzTest {

    /** The bytes of one line as the session reads them: decoded as UTF-8, without the line end. */
    @FuzzTest(maxDuration = "2m")
    void splitsAnyLine(byte[] bytes) {
        String line = new String(bytes, StandardCharsets.UTF_8);
        LmtpCommandLine command = LmtpCommandLine.parse(line);
        assertThat(command.verb()).isEqualTo(command.verb().toUpperCase(Locale.ROOT));
        assertThat(line.length()).isGreaterThanOrEqualTo(command.argument().length());
        String argument = command.argument();
        int colon = argument.indexOf(':');
        if (colon >= 0) {
            LmtpCommandLine.path(argument.substring(colon + 1)).ifPresent(path -> {
                assertThat(path.address()).doesNotContain(">");
                for (String parameter : path.parameters()) {
                    assertThat(parameter).isNotEmpty();
                    int equals = parameter.indexOf('=');
                    LmtpCommandLine.number(parameter.substring(equals + 1))
                            .ifPresent(number -> assertThat(number).isNotNegative());
                }
            });
        }
    }
}
