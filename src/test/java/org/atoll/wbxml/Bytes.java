package org.atoll.wbxml;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Test inputs written as hex, with spaces allowed. */
final class Bytes {

    static final String HEADER = "03 01 6A 00";

    private Bytes() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes).toUpperCase(java.util.Locale.ROOT);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] repeat(String hex, int times) {
        byte[] one = hex(hex);
        byte[] all = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }
}
