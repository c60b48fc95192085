package org.atoll.eas.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The request-line examples of MS-ASHTTP, taken as the specification prints them. */
class SpecExampleTest {

    private final EasRequestParser parser = new EasRequestParser();

    /** MS-ASHTTP 2.2.1.1.1.1: {@code /Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l}. */
    @Test
    void base64ExampleOfSection2_2_1_1_1_1ShouldBeSyncFromV140Device() throws EasRequestException {
        EasRequest request = parser.parse("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l", Wire.noHeaders());

        assertThat(request.command()).isEqualTo(EasCommand.SYNC);
        assertThat(request.protocolVersion()).isEqualTo(EasProtocolVersion.V14_0);
        assertThat(request.locale()).isEqualTo(OptionalInt.of(0x0409));
        assertThat(request.deviceId()).isEqualTo("v140Device");
        assertThat(request.policyKey()).isZero();
        assertThat(request.hasPolicyKey()).isFalse();
        assertThat(request.deviceType()).isEqualTo("SmartPhone");
        assertThat(request.user()).isNull();
        assertThat(request.parameters()).isEmpty();
        assertThat(request.options()).isEmpty();
    }

    /** MS-ASHTTP 2.2.1.1.1: the plain and base64 forms of the same request say the same, User and Locale aside. */
    @Test
    void plainAndBase64ExamplesOfSection2_2_1_1_1ShouldAgree() throws EasRequestException {
        EasRequest plain =
                parser.parse("Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone", Wire.version("14.0"));
        EasRequest base64 = parser.parse("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l", Wire.noHeaders());

        assertThat(plain.user()).isEqualTo("rmjones");
        assertThat(plain.locale()).isEmpty();
        assertThat(plain)
                .usingRecursiveComparison()
                .ignoringFields("user", "locale")
                .isEqualTo(base64);
    }

    /** MS-ASHTTP 4.4: SendMail with a policy key header. */
    @Test
    void sendMailExampleOfSection4_4ShouldCarryThePolicyKey() throws EasRequestException {
        EasRequest request = parser.parse(
                "Cmd=SendMail&User=fakeusername&DeviceId=v140Device&DeviceType=SmartPhone",
                Wire.headers(Map.of("MS-ASProtocolVersion", "14.0", "X-MS-PolicyKey", "2034202722")));

        assertThat(request.command()).isEqualTo(EasCommand.SEND_MAIL);
        assertThat(request.user()).isEqualTo("fakeusername");
        assertThat(request.policyKey()).isEqualTo(2034202722L);
        assertThat(request.hasPolicyKey()).isTrue();
    }
}
