package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.atoll.database.DatabaseAdmission;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The command's own slot, apart from the sign-in's: a command whose body has arrived and that finds no slot within
 * the wait is answered HTTP 503 with Retry-After (MS-ASHTTP 3.2.5.1) and never reaches the controller; one that gets
 * a slot holds it while it runs and gives it back after.
 */
class EasAdmissionTest {

    private final DatabaseAdmission admission =
            new DatabaseAdmission(1, Duration.ofMillis(50), new SimpleMeterRegistry());

    private final EasAdmission filter = new EasAdmission(admission);

    @Test
    void commandWithoutASlotShouldGet503WithRetryAfterAndNotRun_MS_ASHTTP_3_2_5_1() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        MockHttpServletResponse response = new MockHttpServletResponse();
        // another thread takes the only slot and keeps it
        Thread.ofVirtual().start(() -> admission.enter("other")).join();

        filter.doFilter(command(), response, (request, answer) -> ran.incrementAndGet());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(EasAdmission.RETRY_AFTER_SECONDS);
        assertThat(ran).as("the command did not run").hasValue(0);
    }

    @Test
    void admittedCommandShouldHoldItsSlotWhileItRunsAndGiveItBack() throws Exception {
        AtomicInteger inUseWhileRunning = new AtomicInteger(-1);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(command(), response, (request, answer) -> inUseWhileRunning.set(admission.inUse()));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(inUseWhileRunning).hasValue(1);
        assertThat(admission.inUse()).isZero();
    }

    private static MockHttpServletRequest command() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", EasController.PATH);
        request.setQueryString("Cmd=Sync&User=ana@example.test&DeviceId=Phone1&DeviceType=SmartPhone");
        request.setContent(new byte[] {3, 1, 106, 0});
        return request;
    }
}
