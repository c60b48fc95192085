package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decoder with the production limits: every byte string decodes to a tree or is
 * rejected with a {@link WbxmlException}, and a tree it accepts encodes and decodes back to itself. The inputs under
 * {@code WbxmlDecoderFuzzTestInputs} are replayed by every build.
 */
class WbxmlDecoderFuzzTest {

    private final WbxmlDecoder decoder = new WbxmlDecoder(WbxmlLimits.DEFAULT);
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    @FuzzTest(maxDuration = "2m")
    void decodesOrRejects(byte[] input) throws WbxmlException {
        WbxmlElement root;
        try {
            root = decoder.decode(input);
        } catch (WbxmlException rejected) {
            return;
        }
        assertThat(decoder.decode(encoder.encode(root))).isEqualTo(root);
    }
}
