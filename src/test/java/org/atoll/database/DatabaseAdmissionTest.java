package org.atoll.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atoll.support.Waiting;
import org.junit.jupiter.api.Test;

/** The admission queue on its own: first come, first served; a bounded wait; nested work; its metrics. */
class DatabaseAdmissionTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void waitersShouldBeAdmittedInTheOrderTheyCame() throws Exception {
        DatabaseAdmission admission = new DatabaseAdmission(1, Duration.ofMinutes(1), registry);
        List<String> admitted = new CopyOnWriteArrayList<>();
        DatabaseAdmission.Slot first = admission.enter("test");
        Thread[] waiters = new Thread[4];
        for (int i = 0; i < waiters.length; i++) {
            String name = "waiter " + i;
            waiters[i] = Thread.ofVirtual().start(() -> {
                try (DatabaseAdmission.Slot _ = admission.enter("test")) {
                    admitted.add(name);
                }
            });
            int queued = i + 1;
            Waiting.until(name + " queues", () -> admission.waiting() == queued);
        }
        Thread late = Thread.ofVirtual().start(() -> {
            try (DatabaseAdmission.Slot _ = admission.enterWhenFree("background")) {
                admitted.add("background work");
            }
        });
        Waiting.until("the background work queues", () -> admission.waiting() == waiters.length + 1);

        first.close();
        for (Thread waiter : waiters) {
            waiter.join();
        }
        late.join();

        assertThat(admitted).containsExactly("waiter 0", "waiter 1", "waiter 2", "waiter 3", "background work");
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void workThatFindsNoSlotWithinTheWaitShouldBeRefusedAndCounted() {
        DatabaseAdmission admission = new DatabaseAdmission(1, Duration.ZERO, registry);

        try (DatabaseAdmission.Slot _ = admission.enter("test")) {
            assertThatThrownBy(() -> enterOnAnotherThread(admission)).isInstanceOf(AdmissionTimedOut.class);
            assertThatThrownBy(() -> enterOnAnotherThread(admission)).isInstanceOf(AdmissionTimedOut.class);
        }

        assertThat(registry.get("atoll.admission.refused")
                        .tag("purpose", "test")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("atoll.admission.wait")
                        .tag("purpose", "test")
                        .timer()
                        .count())
                .as("refused waits are timed too")
                .isEqualTo(3);
        assertThat(registry.get("atoll.admission.work")
                        .tag("purpose", "test")
                        .timer()
                        .count())
                .as("only admitted work is")
                .isEqualTo(1);
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void nestedWorkShouldRunInTheSlotItsThreadHolds() {
        DatabaseAdmission admission = new DatabaseAdmission(1, Duration.ZERO, registry);

        try (DatabaseAdmission.Slot _ = admission.enter("outer")) {
            try (DatabaseAdmission.Slot _ = admission.enter("inner")) {
                assertThat(admission.inUse()).isEqualTo(1);
            }
            assertThat(admission.inUse())
                    .as("closing the nested slot gives nothing back")
                    .isEqualTo(1);
        }

        assertThat(admission.inUse()).isZero();
        assertThat(registry.find("atoll.admission.work").tag("purpose", "inner").timer())
                .isNull();
    }

    private static void enterOnAnotherThread(DatabaseAdmission admission) throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        admission.enter("test").close();
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                })
                .join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
