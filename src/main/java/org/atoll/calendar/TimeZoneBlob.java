package org.atoll.calendar;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ActiveSync TimeZone element: a TIME_ZONE_INFORMATION structure of 172 bytes, little-endian, sent as base64
 * (MS-ASDTYPE 2.6.4, MS-ASCAL 2.2.2.46).
 *
 * <p>Bias is in minutes with UTC = local time + bias. Each date says when that time starts: {@code standardDate} is
 * the wall time (still in daylight time) at which standard time begins, {@code daylightDate} the wall time (still in
 * standard time) at which daylight time begins. A zone without daylight time has both months 0.
 *
 * @param bias minutes west of UTC in standard time (UTC = local + bias)
 * @param standardName up to 31 UTF-16 units, such as {@code Pacific Standard Time}
 * @param standardDate when standard time begins
 * @param standardBias added to {@code bias} during standard time, normally 0
 * @param daylightName up to 31 UTF-16 units
 * @param daylightDate when daylight time begins
 * @param daylightBias added to {@code bias} during daylight time, normally -60
 */
public record TimeZoneBlob(
        int bias,
        String standardName,
        SystemTime standardDate,
        int standardBias,
        String daylightName,
        SystemTime daylightDate,
        int daylightBias) {

    /** The size of TIME_ZONE_INFORMATION. */
    public static final int SIZE = 172;

    private static final int NAME_UNITS = 32;

    public TimeZoneBlob {
        standardName = fit(standardName);
        daylightName = fit(daylightName);
    }

    /**
     * A SYSTEMTIME (MS-DTYP 2.3.13) as TIME_ZONE_INFORMATION uses it. With {@code year} 0 it is a rule: the
     * {@code day}-th (1 to 5, 5 = the last) {@code dayOfWeek} (0 = Sunday) of {@code month}, every year; otherwise
     * one absolute date. Month 0 means no transition.
     */
    public record SystemTime(
            int year, int month, int dayOfWeek, int day, int hour, int minute, int second, int milliseconds) {

        /** No transition: every field 0. */
        public static final SystemTime NONE = new SystemTime(0, 0, 0, 0, 0, 0, 0, 0);

        /** Whether this names a transition at all. */
        public boolean present() {
            return month != 0;
        }
    }

    /** Whether the zone has daylight saving time. */
    public boolean hasDaylightTime() {
        return standardDate.present() && daylightDate.present();
    }

    /** The same rules without names, for comparing two zones' rules. */
    public TimeZoneBlob withoutNames() {
        return new TimeZoneBlob(bias, "", standardDate, standardBias, "", daylightDate, daylightBias);
    }

    /**
     * Reads the element's text.
     *
     * @throws MalformedTimeZone when the text is not base64 or not exactly 172 bytes, or a date is out of range
     */
    public static TimeZoneBlob decode(String base64) throws MalformedTimeZone {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedTimeZone("not base64");
        }
        if (bytes.length != SIZE) {
            throw new MalformedTimeZone(bytes.length + " bytes instead of " + SIZE);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int bias = in.getInt();
        String standardName = name(in);
        SystemTime standardDate = systemTime(in);
        int standardBias = in.getInt();
        String daylightName = name(in);
        SystemTime daylightDate = systemTime(in);
        int daylightBias = in.getInt();
        check(standardDate, "StandardDate");
        check(daylightDate, "DaylightDate");
        if (Math.abs(bias) > 24 * 60 || Math.abs(standardBias) > 24 * 60 || Math.abs(daylightBias) > 24 * 60) {
            throw new MalformedTimeZone("a bias beyond a day");
        }
        return new TimeZoneBlob(
                bias, standardName, standardDate, standardBias, daylightName, daylightDate, daylightBias);
    }

    /** The element's text: base64 of the 172 bytes. */
    public String encode() {
        return Base64.getEncoder().encodeToString(bytes());
    }

    /** The 172 bytes. */
    public byte[] bytes() {
        ByteBuffer out = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(bias);
        putName(out, standardName);
        putSystemTime(out, standardDate);
        out.putInt(standardBias);
        putName(out, daylightName);
        putSystemTime(out, daylightDate);
        out.putInt(daylightBias);
        return out.array();
    }

    private static String fit(String name) {
        String clean = name.indexOf('\0') >= 0 ? name.substring(0, name.indexOf('\0')) : name;
        return clean.length() < NAME_UNITS ? clean : clean.substring(0, NAME_UNITS - 1);
    }

    private static String name(ByteBuffer in) {
        byte[] units = new byte[NAME_UNITS * 2];
        in.get(units);
        String all = new String(units, StandardCharsets.UTF_16LE);
        int end = all.indexOf('\0');
        return end < 0 ? all : all.substring(0, end);
    }

    private static void putName(ByteBuffer out, String name) {
        byte[] units = name.getBytes(StandardCharsets.UTF_16LE);
        out.put(units);
        out.put(new byte[NAME_UNITS * 2 - units.length]);
    }

    private static SystemTime systemTime(ByteBuffer in) {
        return new SystemTime(
                Short.toUnsignedInt(in.getShort()),
                Short.toUnsignedInt(in.getShort()),
                Short.toUnsignedInt(in.getShort()),
                Short.toUnsignedInt(in.getShort()),
                Short.toUnsignedInt(in.getShort()),
                Short.toUnsignedInt(in.getShort()),
                Short.toUnsignedInt(in.getShort()),
                Short.toUnsignedInt(in.getShort()));
    }

    private static void putSystemTime(ByteBuffer out, SystemTime time) {
        out.putShort((short) time.year());
        out.putShort((short) time.month());
        out.putShort((short) time.dayOfWeek());
        out.putShort((short) time.day());
        out.putShort((short) time.hour());
        out.putShort((short) time.minute());
        out.putShort((short) time.second());
        out.putShort((short) time.milliseconds());
    }

    private static void check(SystemTime time, String field) throws MalformedTimeZone {
        if (!time.present()) {
            return;
        }
        boolean valid = time.month() <= 12
                && time.dayOfWeek() <= 6
                && time.day() >= 1
                && time.day() <= (time.year() == 0 ? 5 : 31)
                && time.hour() <= 23
                && time.minute() <= 59
                && time.second() <= 59
                && time.milliseconds() <= 999;
        if (!valid) {
            throw new MalformedTimeZone(field + " out of range: " + time);
        }
    }
}
