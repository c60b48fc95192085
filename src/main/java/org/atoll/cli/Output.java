package org.atoll.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a command prints on standard output: JSON with {@code --json} (an object, or an array for lists; times in
 * ISO 8601, absent values as null), otherwise text for people. Messages and errors go to standard error.
 */
final class Output {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The {@code --json} option, mixed into every command that prints a result. */
    static final class JsonOption {

        @Option(names = "--json", description = "Print the result as JSON on standard output.")
        boolean json;
    }

    private Output() {}

    static void json(PrintWriter out, Object value) {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** Columns padded to their widest cell; the last column is not padded. */
    static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        int[] widths = new int[headers.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i == row.size() - 1) {
                    line.append(row.get(i));
                } else {
                    line.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
