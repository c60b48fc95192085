package org.atoll.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far long work (an import, an export) has come, on standard error: on a terminal a bar redrawn in place at most
 * ten times a second; otherwise, for logs and pipes, a plain line at most every ten seconds. Either way a last line
 * when the work ends. With a known total it shows the share done and an estimate of the time left; every line shows
 * items, bytes, the rate and errors so far.
 *
 * <pre>
 * [##########----------]  50%  500/1000 messages  12.3 MB  85/s  ETA 0:06  2 errors
 * </pre>
 *
 * <p>Not thread-safe: one worker reports.
 */
public final class Progress implements AutoCloseable {

    private static final int BAR = 20;
    private static final long TERMINAL_EVERY = Duration.ofMillis(100).toNanos();
    private static final long PLAIN_EVERY = Duration.ofSeconds(10).toNanos();

    private final PrintWriter out;
    private final boolean terminal;
    private final String unit;
    private final long total;
    private final LongSupplier nanoTime;
    private final long started;
    private long shownAt;
    private int shownWidth;
    private long done;
    private long bytes;
    private long errors;
    private boolean closed;

    Progress(PrintWriter out, boolean terminal, String unit, long total, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.unit = unit;
        this.total = total;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.shownAt = started;
    }

    /**
     * Starts reporting on a command's standard error.
     *
     * @param unit what is counted, in the plural ("messages")
     * @param total how many there are, or -1 when not known
     */
    static Progress on(StoreCommand command, String unit, long total) {
        return new Progress(command.err(), command.env.terminal().interactive(), unit, total, System::nanoTime);
    }

    /** Counts {@code items} more done, {@code size} bytes among them. */
    public void advance(long items, long size) {
        done += items;
        bytes += size;
        maybeShow();
    }

    /** Counts one item that failed; the work goes on. */
    public void failed() {
        errors++;
        maybeShow();
    }

    public long done() {
        return done;
    }

    public long errors() {
        return errors;
    }

    /** Shows the final line; the bar, on a terminal, ends with a line break. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long now = nanoTime.getAsLong();
        String line = line(now, false) + "  in " + clock(now - started);
        if (terminal) {
            out.print("\r" + pad(line) + "\n");
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void maybeShow() {
        long now = nanoTime.getAsLong();
        if (now - shownAt < (terminal ? TERMINAL_EVERY : PLAIN_EVERY)) {
            return;
        }
        shownAt = now;
        if (terminal) {
            out.print("\r" + pad(line(now, true)));
        } else {
            out.println(line(now, true));
        }
        out.flush();
    }

    /** Pads over the remains of a longer line shown before. */
    private String pad(String line) {
        String padded = line.length() < shownWidth ? line + " ".repeat(shownWidth - line.length()) : line;
        shownWidth = line.length();
        return padded;
    }

    String line(long now, boolean withEstimate) {
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            double share = Math.min(1.0, (double) done / total);
            if (terminal) {
                int filled = (int) Math.round(share * BAR);
                line.append('[')
                        .append("#".repeat(filled))
                        .append("-".repeat(BAR - filled))
                        .append("]  ");
            }
            line.append(String.format(Locale.ROOT, "%3d%%  %d/%d %s", (int) (share * 100), done, total, unit));
        } else {
            line.append(done).append(' ').append(unit);
        }
        line.append("  ").append(size(bytes));
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        line.append(String.format(Locale.ROOT, "  %.0f/s", rate));
        if (withEstimate && total > 0 && rate > 0 && done < total) {
            line.append("  ETA ").append(clock((long) ((total - done) / rate * 1e9)));
        }
        if (errors > 0) {
            line.append("  ").append(errors).append(errors == 1 ? " error" : " errors");
        }
        return line.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** h:mm:ss, or m:ss under an hour. */
    static String clock(long nanos) {
        long seconds = Math.max(0, nanos / 1_000_000_000L);
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }
}
