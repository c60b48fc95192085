package org.atoll.mime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the MIME readers (RFC 5322, RFC 2045-2047): {@link MimeParser}, {@link MimeBodies} and,
 * through them, {@link MimeTree} are total, so any bytes yield an envelope, bodies and a part or none, without an
 * exception and within {@link MimeLimits#DEFAULTS}; the one-pass read delivery uses gives what the two reads give.
 */
class MimeFuzzTest {

    private final MimeParser parser = new MimeParser();

    @FuzzTest(maxDuration = "2m")
    void readsAnyMessage(FuzzedDataProvider data) {
        String partPath = data.consumeString(12);
        byte[] raw = data.consumeRemainingAsBytes();

        ParsedMessage parsed = parser.parse(raw);
        assertThat(parsed.attachments()).hasSizeLessThanOrEqualTo(MimeLimits.DEFAULTS.maxParts());
        Bodies bodies = MimeBodies.extract(raw);
        assertThat(bodies).isNotNull();
        assertThat(parser.parseWithText(raw)).isEqualTo(new ParsedWithText(parsed, bodies.text()));
        assertThat(MimeBodies.part(raw, partPath)).isNotNull();
    }
}
