package org.atoll.eas.autodiscover;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the Autodiscover request body (MS-ASCMD 6.3): any bytes yield a request or
 * {@link AutodiscoverRequest.Malformed}. DTDs and external entities stay off, so no input reaches a file or the
 * network (Jazzer's sanitizers report any attempt).
 */
class AutodiscoverRequestFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parsesOrRejects(byte[] body) {
        AutodiscoverRequest request;
        try {
            request = AutodiscoverRequest.parse(body);
        } catch (AutodiscoverRequest.Malformed rejected) {
            return;
        }
        assertThat(body.length).isBetween(1, AutodiscoverRequest.MAX_BYTES);
        assertThat(request.emailAddress().length()
                        + request.acceptableResponseSchema().length())
                .isLessThanOrEqualTo(body.length);
    }
}
