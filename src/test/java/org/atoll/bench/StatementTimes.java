package org.atoll.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where PostgreSQL spends its time, statement by statement, over the phases measured: the server is told to log the
 * duration of every statement ({@code log_min_duration_statement = 0}, parameters left out) while a phase runs, and
 * the lines its log gained then are summed per statement text (parse, bind and execute together, the text cut to its first 110
 * characters). Logging every statement slows the server down, so a run that measures this is not one whose rates
 * count; the shares between statements are what it tells.
 */
final class StatementTimes {

    private static final Pattern DURATION =
            Pattern.compile("duration: ([0-9.]+) ms {2}(?:parse|bind|execute|statement)[^:]*: (.*)");

    private static final int KEY_LENGTH = 110;

    private final JdbcClient jdbc;
    private final Path log;
    private final List<long[]> phases = new ArrayList<>();

    StatementTimes(JdbcClient jdbc, Path log) {
        this.jdbc = jdbc;
        this.log = log;
    }

    /** A phase starts: from now on every statement's duration is logged. */
    void resume() throws IOException {
        phases.add(new long[] {Files.size(log), -1});
        configure("ALTER SYSTEM SET log_min_duration_statement = 0", "ALTER SYSTEM SET log_parameter_max_length = 0");
    }

    /** The phase ends: durations are no longer logged. */
    void pause() throws IOException {
        configure("ALTER SYSTEM RESET log_min_duration_statement", "ALTER SYSTEM RESET log_parameter_max_length");
        phases.getLast()[1] = Files.size(log);
    }

    /** Prints the statements that took the most time over the phases so far, and forgets them. */
    void print(String what, int top) throws IOException {
        Map<String, double[]> byStatement = new LinkedHashMap<>();
        double total = 0;
        for (String entry : entries()) {
            Matcher matcher = DURATION.matcher(entry);
            if (!matcher.find()) {
                continue;
            }
            double millis = Double.parseDouble(matcher.group(1));
            String text = matcher.group(2).replaceAll("\\s+", " ").strip();
            if (text.startsWith("ALTER SYSTEM") || text.startsWith("SELECT pg_reload_conf()")) {
                continue;
            }
            String key = text.length() > KEY_LENGTH ? text.substring(0, KEY_LENGTH) + "…" : text;
            double[] sums = byStatement.computeIfAbsent(key, k -> new double[2]);
            if (entry.contains("execute") || entry.contains("statement: ")) {
                sums[0]++;
            }
            sums[1] += millis;
            total += millis;
        }
        System.out.printf(
                "  PostgreSQL's time by statement over %s (durations logged, so slower than the figures above):"
                        + " %,.0f ms in all%n",
                what, total);
        phases.clear();
        double all = total;
        byStatement.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[1])
                        .reversed())
                .limit(top)
                .forEach(e -> System.out.printf(
                        "    %5.1f %%  %,9.0f runs  %8.1f µs each  %s%n",
                        100 * e.getValue()[1] / all,
                        e.getValue()[0],
                        e.getValue()[0] == 0 ? 0 : 1000 * e.getValue()[1] / e.getValue()[0],
                        e.getKey()));
    }

    private void configure(String... statements) {
        for (String statement : statements) {
            jdbc.sql(statement).update();
        }
        jdbc.sql("SELECT pg_reload_conf()").query(Boolean.class).single();
    }

    /** The log's lines of the phases, a statement's continuation lines (they begin with a tab) joined to it. */
    private List<String> entries() throws IOException {
        StringBuilder text = new StringBuilder();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            for (long[] phase : phases) {
                byte[] bytes = new byte[(int) (phase[1] - phase[0])];
                file.seek(phase[0]);
                file.readFully(bytes);
                text.append(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.toString().split("\n")) {
            if (line.startsWith("\t") || line.startsWith(" ")) {
                current.append(' ').append(line.strip());
            } else {
                if (!current.isEmpty()) {
                    entries.add(current.toString());
                }
                current.setLength(0);
                current.append(line);
            }
        }
        if (!current.isEmpty()) {
            entries.add(current.toString());
        }
        return entries;
    }
}
