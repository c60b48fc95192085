package org.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress of long work, on a clock the test moves by hand. */
class ProgressTest {

    long now;
    StringWriter written = new StringWriter();

    Progress progress(boolean terminal, long total) {
        return new Progress(new PrintWriter(written, true), terminal, "messages", total, () -> now);
    }

    void after(Duration pause) {
        now += pause.toNanos();
    }

    @Test
    void onATerminalTheBarShouldBeRedrawnInPlaceAtMostTenTimesASecond() {
        try (Progress progress = progress(true, 1000)) {
            after(Duration.ofSeconds(5));
            progress.advance(250, 3 * 1024 * 1024);
            progress.advance(250, 3 * 1024 * 1024);
            after(Duration.ofMillis(50));
            progress.advance(1, 0);
            after(Duration.ofSeconds(1));
            progress.failed();
        }

        String[] frames = written.toString().split("\r", -1);
        assertThat(frames[0]).isEmpty();
        assertThat(frames[1]).startsWith("[#####---------------]   25%  250/1000 messages  3.0 MB  50/s  ETA 0:15");
        assertThat(frames[2])
                .startsWith("[##########----------]   50%  501/1000 messages  6.0 MB  83/s  ETA 0:06  1 error");
        assertThat(frames[3])
                .as("padded over the longer line before, then a line break")
                .isEqualTo("[##########----------]   50%  501/1000 messages  6.0 MB  83/s  1 error  in 0:06 \n");
        assertThat(frames).hasSize(4);
    }

    @Test
    void elsewherePlainLinesShouldComeAtMostEveryTenSecondsAndAtTheEnd() {
        try (Progress progress = progress(false, -1)) {
            for (int i = 0; i < 30; i++) {
                after(Duration.ofSeconds(1));
                progress.advance(10, 2048);
            }
        }

        assertThat(written.toString().lines())
                .containsExactly(
                        "100 messages  20.0 KB  10/s",
                        "200 messages  40.0 KB  10/s",
                        "300 messages  60.0 KB  10/s",
                        "300 messages  60.0 KB  10/s  in 0:30");
    }

    @Test
    void sizesAndDurationsShouldReadAsPeopleWriteThem() {
        assertThat(Progress.size(512)).isEqualTo("512 B");
        assertThat(Progress.size(1536)).isEqualTo("1.5 KB");
        assertThat(Progress.size(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GB");
        assertThat(Progress.clock(Duration.ofSeconds(59).toNanos())).isEqualTo("0:59");
        assertThat(Progress.clock(Duration.ofMinutes(75).plusSeconds(3).toNanos()))
                .isEqualTo("1:15:03");
    }
}
