package org.atoll.calendar;

import com.ibm.icu.util.TimeZone;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Windows time zone names and IANA zones, by the mapping CLDR publishes (windowsZones.xml) as ICU4J carries it: the
 * names Exchange writes into a TimeZone blob, such as {@code Eastern Standard Time}.
 */
final class WindowsZones {

    private static final String WORLD = "001";

    private WindowsZones() {}

    /** The Windows name of {@code zone}, such as {@code W. Europe Standard Time} for Europe/Berlin. */
    static Optional<String> windowsName(ZoneId zone) {
        if (zone.normalized() instanceof java.time.ZoneOffset offset && offset.getTotalSeconds() == 0) {
            return Optional.of("UTC");
        }
        return Optional.ofNullable(TimeZone.getWindowsID(zone.getId()));
    }

    /** The IANA zone CLDR names first for a Windows name, as its current IANA name (Asia/Kolkata, not Calcutta). */
    static Optional<ZoneId> zoneOf(String windowsName) {
        String id = TimeZone.getIDForWindowsID(windowsName, WORLD);
        return id == null ? Optional.empty() : zone(iana(id));
    }

    /** Whether CLDR names {@code zone} first for its Windows name. */
    static boolean isPrimary(ZoneId zone) {
        String windows = TimeZone.getWindowsID(zone.getId());
        if (windows == null) {
            return false;
        }
        String primary = TimeZone.getIDForWindowsID(windows, WORLD);
        return primary != null && iana(primary).equals(zone.getId());
    }

    /** Whether {@code zone}'s name is IANA's own name rather than a link to another. */
    static boolean isCanonical(ZoneId zone) {
        return iana(zone.getId()).equals(zone.getId());
    }

    /**
     * Whether {@code id} names a zone of the IANA database as ICU knows it; the JDK also lists zones other libraries
     * register (ical4j's, from calendars it parsed), which are no zone a device could mean.
     */
    static boolean isIana(String id) {
        return TimeZone.getCanonicalID(id) != null;
    }

    private static String iana(String id) {
        @Nullable String iana = TimeZone.getIanaID(id);
        return iana == null || iana.equals(TimeZone.UNKNOWN_ZONE_ID) ? id : iana;
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
