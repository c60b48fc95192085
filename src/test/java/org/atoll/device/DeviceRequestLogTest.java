package org.atoll.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.atoll.device.internal.RequestLogRows;
import org.atoll.device.internal.RequestLogRows.Device;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Which devices a batch of the request log trims; the rows themselves are written by {@link RequestLogRows}. */
class DeviceRequestLogTest {

    final RequestLogRows rows = mock(RequestLogRows.class);

    @SuppressWarnings("unchecked")
    final ArgumentCaptor<List<Device>> trimmed = ArgumentCaptor.forClass(List.class);

    @Test
    void devicesCountedBeyondTheBoundShouldAllBeTrimmedWithTheNextBatchAndCountedAfresh() {
        DeviceRequestLog log = new DeviceRequestLog(rows, new SimpleMeterRegistry(), 2);

        ping(log, 1);
        ping(log, 2);
        log.write();
        ping(log, 3);
        log.write();
        ping(log, 1);
        log.write();

        verify(rows, times(3)).insert(anyList(), trimmed.capture(), anyInt(), anyInt());
        assertThat(trimmed.getAllValues())
                .containsExactly(
                        List.of(), List.of(new Device(10, 1), new Device(10, 2), new Device(10, 3)), List.of());
    }

    @Test
    void aDeviceShouldBeTrimmedOnceFiftyOfItsRequestsWereWrittenAndNotBefore() {
        DeviceRequestLog log = new DeviceRequestLog(rows, new SimpleMeterRegistry());

        for (int i = 0; i < DeviceRequestLog.TRIM_EVERY - 1; i++) {
            ping(log, 7);
        }
        log.write();
        ping(log, 7);
        ping(log, 8);
        log.write();

        verify(rows, times(2)).insert(anyList(), trimmed.capture(), anyInt(), anyInt());
        assertThat(trimmed.getAllValues()).containsExactly(List.of(), List.of(new Device(10, 7)));
    }

    static void ping(DeviceRequestLog log, long devicePk) {
        log.record(10, devicePk, new LoggedRequest(Instant.EPOCH, "node-a", "Ping", 200, 1, 10, 20, 30));
    }
}
