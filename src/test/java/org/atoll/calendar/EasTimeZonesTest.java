package org.atoll.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.atoll.calendar.TimeZoneBlob.SystemTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TimeZone element (MS-ASDTYPE 2.6.4, MS-ASCAL 2.2.2.46) against blobs other software wrote.
 *
 * <p>Blobs "as they arrive from EAS" are the ones Exchange sent, recorded in the Android Open Source Project's
 * Exchange client tests (CalendarUtilitiesTests); the Pacific one is also the example of MS-ASCAL's Sync examples.
 * The Eastern blob named "EST"/"EDT" was written by the NachoCove ActiveSync client, the Central European one by
 * OBM's ActiveSync server: independent implementations whose rules, not names, must match ours.
 */
class EasTimeZonesTest {

    static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    static final String EXCHANGE_PACIFIC =
            "4AEAAFAAYQBjAGkAZgBpAGMAIABTAHQAYQBuAGQAYQByAGQAIABUAGkAbQBlAAAAAAAAAAAAAAAAAAAAAAAA"
                    + "AAAAAAAAAAsAAAABAAIAAAAAAAAAAAAAAFAAYQBjAGkAZgBpAGMAIABEAGEAeQBsAGkAZwBoAHQAIABUAGkA"
                    + "bQBlAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAMAAAACAAIAAAAAAAAAxP///w==";
    static final String EXCHANGE_INDIA =
            "tv7//0kAbgBkAGkAYQAgAFMAdABhAG4AZABhAHIAZAAgAFQAaQBtAGUAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                    + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEkAbgBkAGkAYQAgAEQAYQB5AGwAaQBnAGgAdAAgAFQAaQBtAGUA"
                    + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
    static final String EXCHANGE_AUS_EASTERN =
            "qP3//0EAVQBTACAARQBhAHMAdABlAHIAbgAgAFMAdABhAG4AZABhAHIAZAAgAFQAaQBtAGUAAAAAAAAAAAAA"
                    + "AAAAAAAAAAQAAAABAAMAAAAAAAAAAAAAAEEAVQBTACAARQBhAHMAdABlAHIAbgAgAEQAYQB5AGwAaQBnAGgA"
                    + "dAAgAFQAaQBtAGUAAAAAAAAAAAAAAAAAAAAAAAoAAAABAAIAAAAAAAAAxP///w==";
    static final String EXCHANGE_US_MOUNTAIN =
            "pAEAAFUAUwAgAE0AbwB1AG4AdABhAGkAbgAgAFMAdABhAG4AZABhAHIAZAAgAFQAaQBtAGUAAAAAAAAAAAAA"
                    + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFUAUwAgAE0AbwB1AG4AdABhAGkAbgAgAEQAYQB5AGwAaQBnAGgA"
                    + "dAAgAFQAaQBtAGUAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
    /** Moscow before 2011, when it still had daylight time: no zone has these rules now. */
    static final String EXCHANGE_RUSSIAN_2010 =
            "TP///1IAdQBzAHMAaQBhAG4AIABTAHQAYQBuAGQAYQByAGQAIABUAGkAbQBlAAAAAAAAAAAAAAAAAAAAAAAA"
                    + "AAAAAAAAAAoAAAAFAAMAAAAAAAAAAAAAAFIAdQBzAHMAaQBhAG4AIABEAGEAeQBsAGkAZwBoAHQAIABUAGkA"
                    + "bQBlAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAMAAAAFAAIAAAAAAAAAxP///w==";

    /** Minsk as Exchange Online wrote it in a Sync response to a 14.1 client. */
    static final String EXCHANGE_ONLINE_MINSK =
            "TP///0YAdQByAHQAaABlAHIALQBlAGEAcwB0AGUAcgBuACAARQB1AHIAbwBwAGUAYQBuACAAVABpAG0AZQAAAAAAAAAAAAAAAAAAAAAA"
                    + "AAAAAAAAAAAAAEYAdQByAHQAaABlAHIALQBlAGEAcwB0AGUAcgBuACAARQB1AHIAbwBwAGUAYQBuACAAVABpAG0AZQAAAAAAAAAAAAAA"
                    + "AAAAAAAAAAAAAAAAAAAAAA==";

    static final String NACHO_EASTERN =
            "LAEAAEUAUwBUAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAsAAAABAAIAAAAAAAAAAAAAAEUARABUAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAMAAAACAAIAAAAAAAAAxP///w==";
    static final String OBM_CENTRAL_EUROPEAN =
            "xP///0MAZQBuAHQAcgBhAGwAIABFAHUAcgBvAHAAZQBhAG4AIABUAGkAbQBlAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAoAAAAFAAMAAAAAAAAAAAAAAEMAZQBuAHQAcgBhAGwAIABFAHUAcgBvAHAAZQBhAG4AIABTAHUAbQBtAGUAcgAgAFQAaQBtAGUAAAAAAAAAAAAAAAMAAAAFAAIAAAAAAAAAxP///w==";

    @Nested
    class FromAZone {

        @Test
        void losAngelesShouldGiveTheBlobExchangeWritesByteForByte() throws Exception {
            assertThat(EasTimeZones.blobOf(ZoneId.of("America/Los_Angeles"), AT).bytes())
                    .isEqualTo(Base64.getDecoder().decode(EXCHANGE_PACIFIC));
        }

        @Test
        void kolkataWithoutDaylightTimeShouldGiveTheBlobExchangeWritesByteForByte() {
            assertThat(EasTimeZones.blobOf(ZoneId.of("Asia/Kolkata"), AT).encode())
                    .isEqualTo(EXCHANGE_INDIA);
        }

        @Test
        void sydneyWhoseDaylightTimeStartsInOctoberShouldGiveTheBlobExchangeWritesByteForByte() {
            assertThat(EasTimeZones.blobOf(ZoneId.of("Australia/Sydney"), AT).encode())
                    .isEqualTo(EXCHANGE_AUS_EASTERN);
        }

        @Test
        void phoenixWithoutDaylightTimeShouldGiveTheBlobExchangeWritesByteForByte() {
            assertThat(EasTimeZones.blobOf(ZoneId.of("America/Phoenix"), AT).encode())
                    .isEqualTo(EXCHANGE_US_MOUNTAIN);
        }

        @Test
        void newYorkShouldHaveTheRulesAnotherClientWritesUnderTheWindowsName() throws Exception {
            TimeZoneBlob blob = EasTimeZones.blobOf(ZoneId.of("America/New_York"), AT);

            assertThat(blob.withoutNames())
                    .isEqualTo(TimeZoneBlob.decode(NACHO_EASTERN).withoutNames());
            assertThat(blob.standardName()).isEqualTo("Eastern Standard Time");
            assertThat(blob.daylightName()).isEqualTo("Eastern Daylight Time");
            assertThat(blob.daylightDate()).isEqualTo(new SystemTime(0, 3, 0, 2, 2, 0, 0, 0));
        }

        @Test
        void berlinShouldHaveTheRulesAnotherServerWritesUnderTheWindowsName() throws Exception {
            TimeZoneBlob blob = EasTimeZones.blobOf(ZoneId.of("Europe/Berlin"), AT);

            assertThat(blob.withoutNames())
                    .isEqualTo(TimeZoneBlob.decode(OBM_CENTRAL_EUROPEAN).withoutNames());
            assertThat(blob.standardName()).isEqualTo("W. Europe Standard Time");
            assertThat(blob.standardDate()).isEqualTo(new SystemTime(0, 10, 0, 5, 3, 0, 0, 0));
            assertThat(blob.daylightDate()).isEqualTo(new SystemTime(0, 3, 0, 5, 2, 0, 0, 0));
        }

        @Test
        void utcShouldHaveNoBiasAndNoDaylightTime() {
            TimeZoneBlob blob = EasTimeZones.blobOf(ZoneOffset.UTC, AT);

            assertThat(blob.bias()).isZero();
            assertThat(blob.hasDaylightTime()).isFalse();
            assertThat(blob.standardDate()).isEqualTo(SystemTime.NONE);
            assertThat(blob.standardName()).isEqualTo("UTC");
        }

        @Test
        void aHalfHourDaylightSavingShouldBeItsBias() {
            TimeZoneBlob blob = EasTimeZones.blobOf(ZoneId.of("Australia/Lord_Howe"), AT);

            assertThat(blob.bias()).isEqualTo(-630);
            assertThat(blob.daylightBias()).isEqualTo(-30);
        }

        @Test
        void aZoneThatGaveUpDaylightTimeShouldHaveNone() {
            TimeZoneBlob blob = EasTimeZones.blobOf(ZoneId.of("America/Sao_Paulo"), AT);

            assertThat(blob.bias()).isEqualTo(180);
            assertThat(blob.hasDaylightTime()).isFalse();
        }
    }

    @Nested
    class ToAZone {

        @Test
        void exchangeBlobsShouldNameTheirZones() throws Exception {
            assertThat(zone(EXCHANGE_PACIFIC)).isEqualTo(ZoneId.of("America/Los_Angeles"));
            assertThat(zone(EXCHANGE_INDIA)).isEqualTo(ZoneId.of("Asia/Kolkata"));
            assertThat(zone(EXCHANGE_AUS_EASTERN)).isEqualTo(ZoneId.of("Australia/Sydney"));
            assertThat(zone(EXCHANGE_US_MOUNTAIN)).isEqualTo(ZoneId.of("America/Phoenix"));
        }

        @Test
        void rulesNoZoneHasAnyMoreShouldFallBackToTheWindowsName() throws Exception {
            assertThat(zone(EXCHANGE_RUSSIAN_2010)).isEqualTo(ZoneId.of("Europe/Moscow"));
        }

        @Test
        void blobsWithoutWindowsNamesShouldGoToTheBestKnownZoneOfTheirRules() throws Exception {
            assertThat(zone(NACHO_EASTERN)).isEqualTo(ZoneId.of("America/New_York"));
            assertThat(zone(OBM_CENTRAL_EUROPEAN)).isEqualTo(ZoneId.of("Europe/Berlin"));
        }

        /** Exchange Online at 14.1 names zones by their display names, such as "Further-eastern European Time". */
        @Test
        void aDisplayNameInsteadOfTheWindowsNameShouldStillFindAZoneOfTheSameRules() throws Exception {
            ZoneId zone = zone(EXCHANGE_ONLINE_MINSK);

            assertThat(zone.getRules().getOffset(AT)).isEqualTo(ZoneOffset.ofHours(3));
            assertThat(zone.getRules().isDaylightSavings(AT)).isFalse();
            assertThat(EasTimeZones.blobOf(zone, AT).withoutNames())
                    .isEqualTo(TimeZoneBlob.decode(EXCHANGE_ONLINE_MINSK).withoutNames());
        }

        @Test
        void unknownRulesWithoutANameShouldKeepTheStandardOffset() {
            TimeZoneBlob odd = new TimeZoneBlob(
                    -75,
                    "",
                    new SystemTime(0, 2, 3, 2, 1, 0, 0, 0),
                    0,
                    "",
                    new SystemTime(0, 7, 3, 2, 1, 0, 0, 0),
                    -60);

            assertThat(EasTimeZones.zoneOf(odd)).isEqualTo(ZoneOffset.ofHoursMinutes(1, 15));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "America/New_York",
                    "Europe/Berlin",
                    "Australia/Sydney",
                    "Asia/Kolkata",
                    "UTC",
                    "America/Los_Angeles",
                    "America/Chicago",
                    "America/Denver",
                    "America/Phoenix",
                    "America/Sao_Paulo",
                    "America/St_Johns",
                    "Europe/London",
                    "Europe/Paris",
                    "Europe/Moscow",
                    "Africa/Johannesburg",
                    "Asia/Tokyo",
                    "Asia/Kathmandu",
                    "Australia/Adelaide",
                    "Australia/Lord_Howe",
                    "Pacific/Auckland",
                    "America/Santiago"
                })
        void aZoneShouldComeBackFromItsBlob(String id) throws Exception {
            ZoneId zone = ZoneId.of(id);
            String wire = EasTimeZones.blobOf(zone, AT).encode();

            ZoneId back = EasTimeZones.zoneOf(TimeZoneBlob.decode(wire));

            assertThat(back.getRules().getOffset(AT)).isEqualTo(zone.getRules().getOffset(AT));
            assertThat(EasTimeZones.blobOf(back, AT)).isEqualTo(EasTimeZones.blobOf(zone, AT));
            if (!id.equals("UTC")) {
                assertThat(back).isEqualTo(zone);
            }
        }
    }

    @Nested
    class Malformed {

        @Test
        void textThatIsNotBase64ShouldBeRefused() {
            assertThatThrownBy(() -> TimeZoneBlob.decode("not*base64"))
                    .isInstanceOf(MalformedTimeZone.class)
                    .hasMessageContaining("not base64");
        }

        @Test
        void oneByteShortShouldBeRefused() {
            String short171 = Base64.getEncoder().encodeToString(new byte[171]);

            assertThatThrownBy(() -> TimeZoneBlob.decode(short171))
                    .isInstanceOf(MalformedTimeZone.class)
                    .hasMessageContaining("171 bytes");
        }

        @Test
        void aMonthThirteenShouldBeRefused() {
            byte[] bytes = Base64.getDecoder().decode(EXCHANGE_PACIFIC);
            bytes[68 + 2] = 13;

            assertThatThrownBy(() -> TimeZoneBlob.decode(Base64.getEncoder().encodeToString(bytes)))
                    .isInstanceOf(MalformedTimeZone.class)
                    .hasMessageContaining("StandardDate");
        }

        @Test
        void allZeroBytesShouldBeUtc() throws Exception {
            TimeZoneBlob blob = TimeZoneBlob.decode(Base64.getEncoder().encodeToString(new byte[172]));

            assertThat(EasTimeZones.zoneOf(blob).getRules().getOffset(AT)).isEqualTo(ZoneOffset.UTC);
        }
    }

    static ZoneId zone(String base64) throws MalformedTimeZone {
        return EasTimeZones.zoneOf(TimeZoneBlob.decode(base64));
    }
}
