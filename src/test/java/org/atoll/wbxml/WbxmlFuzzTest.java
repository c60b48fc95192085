package org.atoll.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs (fixed seed, so a failure reproduces): the decoder may accept or reject them, but only
 * ever by returning a tree or throwing {@link WbxmlException}; what it accepts it must re-encode to the same tree.
 */
class WbxmlFuzzTest {

    private static final int INPUTS = 20_000;

    private final WbxmlDecoder decoder =
            new WbxmlDecoder(WbxmlLimits.DEFAULT.withMaxElements(2_000).withMaxStringBytes(4_096));
    private final WbxmlEncoder encoder = new WbxmlEncoder();

    @Test
    void onlyWbxmlExceptionEverEscapesTheDecoder() {
        Random random = new Random(0x5EED_A7011L);
        List<byte[]> seeds = Vectors.names().stream().map(Vectors::wbxml).toList();
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = i % 5 == 0 ? randomInput(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                WbxmlElement root = decoder.decode(input);
                assertThat(decoder.decode(encoder.encode(root))).isEqualTo(root);
                accepted++;
            } catch (WbxmlException expected) {
                rejected++;
            } catch (Throwable unexpected) {
                fail("input #" + i + " " + Bytes.hex(input) + " escaped as " + unexpected, unexpected);
            }
        }
        assertThat(accepted + rejected).isEqualTo(INPUTS);
        assertThat(accepted).as("some mutations stay valid").isPositive();
        assertThat(rejected).as("most mutations are rejected").isGreaterThan(INPUTS / 2);
    }

    private static byte[] randomInput(Random random) {
        byte[] input = new byte[random.nextInt(64)];
        random.nextBytes(input);
        if (input.length >= 4 && random.nextBoolean()) {
            System.arraycopy(Bytes.hex(Bytes.HEADER), 0, input, 0, 4);
        }
        return input;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] input = seed.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && input.length > 0; m++) {
            int at = random.nextInt(input.length);
            input = switch (random.nextInt(7)) {
                case 0 -> {
                    input[at] = (byte) random.nextInt(256);
                    yield input;
                }
                case 1 -> {
                    input[at] ^= (byte) (1 << random.nextInt(8));
                    yield input;
                }
                case 2 -> Arrays.copyOf(input, at);
                case 3 -> remove(input, at, 1 + random.nextInt(Math.min(8, input.length - at)));
                case 4 -> insert(input, at, interesting(random));
                case 5 ->
                    insert(
                            input,
                            at,
                            Arrays.copyOfRange(input, at, Math.min(input.length, at + 1 + random.nextInt(16))));
                default -> {
                    input[at] = (byte) new int[] {0x00, 0x01, 0x03, 0x83, 0xC3, 0x80, 0xFF, 0x7F}[random.nextInt(8)];
                    yield input;
                }
            };
        }
        return input;
    }

    private static byte[] interesting(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Bytes.hex("C3 87 FF FF FF 7F");
            case 1 -> Bytes.hex("83 8F FF FF FF 7F");
            case 2 -> Bytes.hex("00 " + String.format("%02X", random.nextInt(40)));
            case 3 -> Bytes.hex("80 80 80 80 80 80 01");
            default -> Bytes.hex("03 ED A0 80 00");
        };
    }

    private static byte[] remove(byte[] input, int at, int length) {
        byte[] out = new byte[input.length - length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(input, at + length, out, at, input.length - at - length);
        return out;
    }

    private static byte[] insert(byte[] input, int at, byte[] extra) {
        byte[] out = new byte[input.length + extra.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(input, at, out, at + extra.length, input.length - at);
        return out;
    }
}
