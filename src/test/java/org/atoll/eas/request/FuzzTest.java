package org.atoll.eas.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated queries (fixed seed, so a failure reproduces): the parser may accept or reject them, but only
 * ever by returning a request or throwing {@link EasRequestException}.
 */
class FuzzTest {

    private static final int INPUTS = 20_000;
    private static final String ASCII = "Cmd=Sync&User=%40%25%zz%C3%28DeviceIdType+/=ABCabc0123456789-_.~!*'()%&&==";
    private static final String[] SEEDS = {
        "Cmd=FolderSync&User=demo%40example.test&DeviceId=ApplABC123&DeviceType=iPhone",
        "Cmd=SmartReply&User=u&DeviceId=A&DeviceType=B&ItemId=5%3A1&CollectionId=5&SaveInSent=T",
        "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l",
        "eQkAAAdB%2B%2B%2B%2B%2F%2F%2F%2FAAJXUA%3D%3D",
    };

    private final EasRequestParser parser = new EasRequestParser();

    @Test
    void onlyEasRequestExceptionEverEscapesTheParser() {
        Random random = new Random(0xEA5_2026L);
        int accepted = 0;
        for (int i = 0; i < INPUTS; i++) {
            String query = switch (i % 3) {
                case 0 -> randomBase64(random);
                case 1 -> randomAscii(random);
                default -> mutate(SEEDS[random.nextInt(SEEDS.length)], random);
            };
            Function<String, @Nullable String> headers = randomHeaders(random);
            try {
                parser.parse(query, headers);
                accepted++;
            } catch (EasRequestException expected) {
                assertThat(expected.reason()).isNotNull();
            } catch (Throwable unexpected) {
                fail("input #" + i + " " + query + " escaped as " + unexpected, unexpected);
            }
        }
        assertThat(accepted)
                .as("some inputs parse, so the fuzzing reaches past the first field")
                .isPositive();
    }

    private static String randomBase64(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length > 4 && random.nextBoolean()) {
            // a plausible head makes the later fields reachable
            bytes[0] = (byte) 141;
            bytes[1] = (byte) random.nextInt(24);
            bytes[4] = (byte) random.nextInt(12);
        }
        return random.nextBoolean() ? Wire.base64(bytes) : Wire.base64Escaped(bytes);
    }

    private static String randomAscii(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(80);
        for (int j = 0; j < length; j++) {
            out.append(
                    random.nextInt(10) == 0
                            ? (char) random.nextInt(0x100)
                            : ASCII.charAt(random.nextInt(ASCII.length())));
        }
        return out.toString();
    }

    private static String mutate(String seed, Random random) {
        StringBuilder out = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int j = 0; j < edits && !out.isEmpty(); j++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, ASCII.charAt(random.nextInt(ASCII.length())));
                default -> out.setCharAt(at, ASCII.charAt(random.nextInt(ASCII.length())));
            }
        }
        return out.toString();
    }

    private static Function<String, @Nullable String> randomHeaders(Random random) {
        String version = new String[] {"14.0", "16.1", "2.5", "", "x"}[random.nextInt(5)];
        String key = new String[] {"0", "123", "4294967296", "-1", " 7 "}[random.nextInt(5)];
        return Wire.headers(Map.of("MS-ASProtocolVersion", version, "X-MS-PolicyKey", key));
    }
}
