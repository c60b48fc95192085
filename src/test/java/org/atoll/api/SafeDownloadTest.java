package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The headers of a download, one hostile input at a time: types outside the allow-list become octet-stream, and
 * names reach {@code Content-Disposition} (RFC 6266) only as a safe ASCII token and an RFC 8187 encoded value.
 */
class SafeDownloadTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "image/png|image/png",
                "IMAGE/JPEG|image/jpeg",
                "image/gif|image/gif",
                "image/webp|image/webp",
                "application/pdf|application/pdf",
                "text/plain|text/plain",
                "text/plain; charset=utf-8|text/plain;charset=utf-8",
                "text/plain; charset=\"ISO-8859-1\"|text/plain;charset=iso-8859-1",
                "audio/mpeg|audio/mpeg",
                "video/mp4|video/mp4",
                "message/rfc822|message/rfc822",
                "image/png; name=\"evil.html\"|image/png"
            })
    void passiveTypesShouldKeepTheirType(String declared, String served) {
        assertThat(SafeDownload.type(declared).toString()).isEqualTo(served);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/html",
                "TEXT/HTML; charset=utf-8",
                "image/svg+xml",
                "application/xhtml+xml",
                "text/xml",
                "application/xml",
                "application/javascript",
                "text/javascript",
                "application/x-shockwave-flash",
                "application/octet-stream",
                "multipart/mixed; boundary=x",
                "application/vnd.made-up",
                "image/png\r\nX-Injected: 1",
                "",
                "/",
                "not a type",
                "text/plain/html"
            })
    void everythingElseShouldBeOctetStream(String declared) {
        assertThat(SafeDownload.type(declared).toString()).isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-7", "UTF-7", "x-bogus-charset", "utf-8\"; x=\"y", "../../etc"})
    void aDoubtfulCharsetShouldBeDropped(String charset) {
        assertThat(SafeDownload.type("text/plain; charset=" + charset).toString())
                .isIn("text/plain", "application/octet-stream");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "../../etc/passwd|etc_passwd",
                "..\\..\\windows\\system32\\cmd.exe|windows_system32_cmd.exe",
                "..|download",
                "...|download",
                "''|download",
                ".bashrc|bashrc",
                "report.pdf|report.pdf"
            })
    void pathTricksShouldNotSurviveInTheName(String name, String ascii) {
        String disposition = SafeDownload.disposition(name);

        assertThat(disposition).startsWith("attachment; filename=\"" + ascii + "\"; filename*=UTF-8''");
        assertThat(disposition.substring(disposition.indexOf("filename*="))).doesNotContain("/", "\\", "%2F", "%5C");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "evil\r\nSet-Cookie: a=b.txt",
                "nul\u0000byte.pdf",
                "quote\"; filename=\"other.exe",
                "semi;colon=1.txt",
                "back\\slash\".txt",
                "invoice\u202Efdp.exe",
                "tab\tand\u0085next.txt"
            })
    void hostileCharactersShouldReachTheHeaderOnlyEscaped(String name) {
        String disposition = SafeDownload.disposition(name);

        assertThat(disposition)
                .matches("attachment; filename=\"[A-Za-z0-9._-]+\"; filename\\*=UTF-8''[A-Za-z0-9._%~-]+");
        assertThat(disposition).doesNotContain("%0D", "%0A", "%00", "%22", "%E2%80%AE", "%C2%85", "%09");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"résumé.pdf|r%C3%A9sum%C3%A9.pdf", "Отчёт 2026.xlsx|%D0%9E%D1%82"})
    void aNonAsciiNameShouldTravelInFilenameStar(String name, String encodedStart) {
        assertThat(SafeDownload.disposition(name)).contains("filename*=UTF-8''" + encodedStart);
    }

    @Test
    void aVeryLongNameShouldBeCutWithoutSplittingACharacter() {
        String disposition = SafeDownload.disposition("😀".repeat(400) + ".txt");

        assertThat(disposition.substring(disposition.indexOf("''") + 2)).isEqualTo("%F0%9F%98%80".repeat(150));
    }
}
