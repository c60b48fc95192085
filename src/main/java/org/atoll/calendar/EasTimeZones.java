package org.atoll.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atoll.calendar.TimeZoneBlob.SystemTime;
import org.jspecify.annotations.Nullable;

/**
 * Converts between IANA time zones and the TIME_ZONE_INFORMATION blob of the ActiveSync TimeZone element
 * (MS-ASDTYPE 2.6.4, MS-ASCAL 2.2.2.46).
 *
 * <p>A blob carries one yearly rule pair, so the server keeps the IANA zone and derives the blob from the zone's
 * current rules, named as Windows names the zone (CLDR's windowsZones mapping, through ICU4J). A blob from a client
 * goes back to the zone whose current rules it describes, preferring the zone its Windows name maps to, then the
 * zone CLDR names first for some Windows zone, then a city zone; with no zone of those rules, the zone its name maps
 * to, else a zone of its standard offset without daylight time.
 */
public final class EasTimeZones {

    private static final Set<String> AREAS =
            Set.of("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific");

    private static volatile @Nullable Map<TimeZoneBlob, List<ZoneId>> byRules;

    private EasTimeZones() {}

    /** The blob for {@code zone} as its rules stand now. */
    public static TimeZoneBlob blobOf(ZoneId zone) {
        return blobOf(zone, Instant.now());
    }

    /** The blob for {@code zone} as its rules stand at {@code at}. */
    public static TimeZoneBlob blobOf(ZoneId zone, Instant at) {
        ZoneRules rules = zone.getRules();
        String standardName = WindowsZones.windowsName(zone).orElse(zone.getId());
        String daylightName = standardName.replace("Standard Time", "Daylight Time");
        Optional<DaylightRules> daylight = daylightRules(rules, at);
        if (daylight.isEmpty()) {
            int bias = -rules.getOffset(at).getTotalSeconds() / 60;
            return new TimeZoneBlob(bias, standardName, SystemTime.NONE, 0, daylightName, SystemTime.NONE, 0);
        }
        DaylightRules pair = daylight.get();
        int year = ZonedDateTime.ofInstant(at, zone).getYear();
        ZoneOffsetTransition toStandard = pair.toStandard().createTransition(year);
        ZoneOffsetTransition toDaylight = pair.toDaylight().createTransition(year);
        int standard = toStandard.getOffsetAfter().getTotalSeconds() / 60;
        int daylightOffset = toDaylight.getOffsetAfter().getTotalSeconds() / 60;
        return new TimeZoneBlob(
                -standard,
                standardName,
                systemTime(pair.toStandard(), toStandard),
                0,
                daylightName,
                systemTime(pair.toDaylight(), toDaylight),
                standard - daylightOffset);
    }

    /** The IANA zone a client's blob stands for, see the class comment. */
    public static ZoneId zoneOf(TimeZoneBlob blob) {
        TimeZoneBlob rules = normalized(blob);
        Optional<ZoneId> named = WindowsZones.zoneOf(blob.standardName());
        List<ZoneId> matches = index().getOrDefault(rules, List.of());
        if (named.isPresent() && matches.contains(named.get())) {
            return named.get();
        }
        if (!matches.isEmpty()) {
            return matches.getFirst();
        }
        if (named.isPresent()) {
            return named.get();
        }
        return ZoneOffset.ofTotalSeconds(-blob.bias() * 60).normalized();
    }

    private record DaylightRules(ZoneOffsetTransitionRule toDaylight, ZoneOffsetTransitionRule toStandard) {}

    private static Optional<DaylightRules> daylightRules(ZoneRules rules, Instant at) {
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.size() != 2) {
            return Optional.empty();
        }
        ZoneOffsetTransitionRule first = yearly.get(0);
        ZoneOffsetTransitionRule second = yearly.get(1);
        ZoneOffsetTransition last = rules.previousTransition(at.plusSeconds(400L * 86_400));
        if (last == null || last.getInstant().isBefore(at.minusSeconds(400L * 86_400))) {
            return Optional.empty();
        }
        boolean firstIsDaylight = first.getOffsetAfter().getTotalSeconds()
                > first.getStandardOffset().getTotalSeconds();
        return Optional.of(firstIsDaylight ? new DaylightRules(first, second) : new DaylightRules(second, first));
    }

    /**
     * The rule as Windows writes it: the n-th (5 = last) weekday of the month at the wall time before the change.
     * A rule on the 24th hour is written as 23:59:59.999 of its day, as Windows does.
     */
    private static SystemTime systemTime(ZoneOffsetTransitionRule rule, ZoneOffsetTransition transition) {
        LocalDateTime before = transition.getDateTimeBefore();
        if (rule.isMidnightEndOfDay()) {
            LocalDateTime day = before.minusDays(1);
            return new SystemTime(
                    0,
                    day.getMonthValue(),
                    weekday(day.getDayOfWeek()),
                    week(rule, day.getDayOfMonth()),
                    23,
                    59,
                    59,
                    999);
        }
        return new SystemTime(
                0,
                before.getMonthValue(),
                weekday(before.getDayOfWeek()),
                week(rule, before.getDayOfMonth()),
                before.getHour(),
                before.getMinute(),
                before.getSecond(),
                0);
    }

    /**
     * The week of the month, 5 for the last. The JDK keeps tzdb's "lastSun" of a 31-day month as "Sun>=25", so a rule
     * whose first possible day lies in the month's last seven days is the last one.
     */
    private static int week(ZoneOffsetTransitionRule rule, int dayOfMonth) {
        int indicator = rule.getDayOfMonthIndicator();
        if (indicator < 0
                || (rule.getDayOfWeek() != null
                        && indicator + 6 >= rule.getMonth().maxLength())) {
            return 5;
        }
        int first = rule.getDayOfWeek() == null ? dayOfMonth : indicator;
        return Math.min(5, (first - 1) / 7 + 1);
    }

    private static int weekday(DayOfWeek day) {
        return day.getValue() % 7;
    }

    /** The rules of a blob as {@link #blobOf} would write them: no names, no year, Windows' redundant forms folded. */
    private static TimeZoneBlob normalized(TimeZoneBlob blob) {
        if (!blob.hasDaylightTime() || blob.daylightBias() == 0) {
            return new TimeZoneBlob(blob.bias() + blob.standardBias(), "", SystemTime.NONE, 0, "", SystemTime.NONE, 0);
        }
        return new TimeZoneBlob(
                blob.bias(),
                "",
                yearless(blob.standardDate()),
                blob.standardBias(),
                "",
                yearless(blob.daylightDate()),
                blob.daylightBias());
    }

    private static SystemTime yearless(SystemTime time) {
        return new SystemTime(
                0,
                time.month(),
                time.dayOfWeek(),
                time.day(),
                time.hour(),
                time.minute(),
                time.second(),
                time.milliseconds());
    }

    private static Map<TimeZoneBlob, List<ZoneId>> index() {
        Map<TimeZoneBlob, List<ZoneId>> built = byRules;
        if (built != null) {
            return built;
        }
        Instant now = Instant.now();
        Map<TimeZoneBlob, List<ZoneId>> index = new HashMap<>();
        Map<String, Integer> zonesPerWindowsName = new HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (!WindowsZones.isIana(id)) {
                continue;
            }
            ZoneId zone = ZoneId.of(id);
            if (zone.getRules() == null) {
                continue;
            }
            index.computeIfAbsent(normalized(blobOf(zone, now)), k -> new ArrayList<>())
                    .add(zone);
            WindowsZones.windowsName(zone).ifPresent(name -> zonesPerWindowsName.merge(name, 1, Integer::sum));
        }
        Comparator<ZoneId> preference = Comparator.comparingInt(EasTimeZones::rank)
                .thenComparing(zone -> -WindowsZones.windowsName(zone)
                        .map(name -> zonesPerWindowsName.getOrDefault(name, 0))
                        .orElse(0))
                .thenComparing(ZoneId::getId);
        index.values().forEach(zones -> zones.sort(preference));
        byRules = index;
        return index;
    }

    /**
     * CLDR's first zone of a Windows zone ranks first (the Windows zone with more IANA zones before another), then
     * city zones under IANA's own names, then the rest.
     */
    private static int rank(ZoneId zone) {
        if (WindowsZones.isPrimary(zone)) {
            return 0;
        }
        String id = zone.getId();
        int slash = id.indexOf('/');
        return slash > 0 && AREAS.contains(id.substring(0, slash)) && WindowsZones.isCanonical(zone) ? 1 : 2;
    }
}
