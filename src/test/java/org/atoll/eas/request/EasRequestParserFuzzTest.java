package org.atoll.eas.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Coverage-guided fuzzing of the request line (MS-ASHTTP 2.2.1.1.1): any query and headers yield an
 * {@link EasRequest} or an {@link EasRequestException}, and what is accepted stays within the parser's limits.
 */
class EasRequestParserFuzzTest {

    private final EasRequestParser parser = new EasRequestParser();

    @FuzzTest(maxDuration = "2m")
    void parsesAnyPlainQuery(FuzzedDataProvider data) {
        String version = data.consumeString(8);
        String policyKey = data.consumeString(16);
        String query = data.consumeRemainingAsString();
        check(query, name -> switch (name.toLowerCase(Locale.ROOT)) {
            case "ms-asprotocolversion" -> version;
            case "x-ms-policykey" -> policyKey;
            default -> null;
        });
    }

    /** MS-ASHTTP 2.2.1.1.1.1: the binary query, base64 and then URL encoded as a device sends it. */
    @FuzzTest(maxDuration = "2m")
    void parsesAnyBase64Query(byte[] binary) {
        String query = URLEncoder.encode(Base64.getEncoder().encodeToString(binary), StandardCharsets.US_ASCII);
        check(query, name -> null);
    }

    private void check(String query, java.util.function.Function<String, String> headers) {
        EasRequest request;
        try {
            request = parser.parse(query, headers::apply);
        } catch (EasRequestException rejected) {
            return;
        }
        assertThat(request.deviceId()).isNotEmpty().hasSizeLessThanOrEqualTo(EasRequestParser.MAX_DEVICE_ID_LENGTH);
        assertThat(request.deviceType()).isNotEmpty().hasSizeLessThanOrEqualTo(EasRequestParser.MAX_DEVICE_TYPE_LENGTH);
        if (request.user() != null) {
            assertThat(request.user()).hasSizeLessThanOrEqualTo(EasRequestParser.MAX_USER_LENGTH);
        }
    }
}
