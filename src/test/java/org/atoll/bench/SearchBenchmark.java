package org.atoll.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.atoll.AtollApplication;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.NewAccount;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageQuery;
import org.atoll.mailbox.MessageSearch;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.DataDirectories;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Workload W7's mailbox half: word queries over a 100,000-message mailbox through {@link MessageSearch} (the call
 * ActiveSync Search and the REST API make: the first 100 matches newest first with their envelopes, and the total),
 * against a one-row primary-key read on the same database in the same round.
 *
 * <p>The mailbox is filled in bulk SQL (this measures reads, not delivery): each message gets a subject and a body
 * of 150 words drawn from a vocabulary of 20,000 with a skewed (Zipf-like) frequency, indexed by the same
 * expression delivery uses. A second account holds the same words, so a query that read other accounts' postings
 * would show it. Queried: a common word (in about a third of the messages), a word of middling frequency, a rare
 * word, two words together, and the prefix of a common word.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.atoll.bench.SearchBenchmark [-Dexec.args="ROUNDS MESSAGES QUERIES"]} (defaults 5, 100000 and
 * 200 queries of each kind per round). Uses the embedded PostgreSQL in a throw-away directory, or {@code
 * SPRING_DATASOURCE_URL} when set.
 */
public final class SearchBenchmark {

    private static final int VOCABULARY = 20_000;
    private static final int BODY_WORDS = 150;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dataDir = DataDirectories.create(Path.of("target"), "bench-");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtollApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--atoll.data-dir=" + dataDir.toAbsolutePath(),
                        "--atoll.ephemeral-database=true",
                        "--atoll.admin.password=benchmark-admin",
                        "--logging.level.root=WARN")) {
            new SearchBenchmark(context).run(rounds, messages, queries);
        }
    }

    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final MessageSearch search;
    private final JdbcClient jdbc;
    private final String[] vocabulary = vocabulary();

    private SearchBenchmark(ConfigurableApplicationContext context) {
        this.accounts = context.getBean(Accounts.class);
        this.mailboxes = context.getBean(Mailboxes.class);
        this.search = context.getBean(MessageSearch.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /** Pronounceable distinct words: two or three syllables, then a number where syllables run out. */
    private static String[] vocabulary() {
        String[] syllables = {
            "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "gu", "he", "ji", "ko", "la", "ma", "no",
            "pe", "qu", "ri", "se", "tu", "va", "wo", "xi", "yo", "zu", "ba", "ce"
        };
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            int n = i;
            StringBuilder word = new StringBuilder();
            do {
                word.append(syllables[n % syllables.length]);
                n /= syllables.length;
            } while (n > 0);
            words[i] = word.length() < 4 ? word.append("la").toString() : word.toString();
        }
        return words;
    }

    private void run(int rounds, int messages, int queries) {
        long filling = System.nanoTime();
        long account = fill("search", messages);
        fill("neighbour", messages / 4);
        jdbc.sql("VACUUM ANALYZE message_search").update();
        jdbc.sql("ANALYZE message").update();
        System.out.printf(
                "filled %d messages (and %d in a second account) in %.0f s; index %d MB%n",
                messages,
                messages / 4,
                (System.nanoTime() - filling) / 1e9,
                jdbc.sql("SELECT pg_relation_size('message_search_document_idx') / 1048576")
                        .query(Long.class)
                        .single());

        List<Kind> kinds = List.of(
                new Kind("common word (rank 3)", vocabulary[2]),
                new Kind("middling word (rank 300)", vocabulary[299]),
                new Kind("rare word (rank 15,000)", vocabulary[14_999]),
                new Kind("two words (ranks 3 and 300)", vocabulary[2] + " " + vocabulary[299]),
                new Kind("prefix of a common word", vocabulary[2].substring(0, 3)));
        for (Kind kind : kinds) {
            System.out.printf(
                    "  %s \"%s\": %d matches%n",
                    kind.name,
                    kind.text,
                    search.search(account, MessageQuery.words(kind.text), 0, 100)
                            .total());
        }
        for (Kind kind : List.of(kinds.get(0), kinds.get(2))) {
            explain(account, kind);
            breakdown(account, kind, queries);
        }
        List<double[]> medians = new ArrayList<>();
        List<double[]> p99s = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double[] median = new double[kinds.size() + 1];
            double[] p99 = new double[kinds.size() + 1];
            long[] baseline = new long[queries];
            long[][] timed = new long[kinds.size()][queries];
            for (int i = 0; i < queries; i++) {
                long t0 = System.nanoTime();
                jdbc.sql("SELECT highest_modseq FROM mailbox WHERE account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single();
                baseline[i] = System.nanoTime() - t0;
                for (int k = 0; k < kinds.size(); k++) {
                    t0 = System.nanoTime();
                    search.search(account, MessageQuery.words(kinds.get(k).text), 0, 100);
                    timed[k][i] = System.nanoTime() - t0;
                }
            }
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int k = 0; k <= kinds.size(); k++) {
                long[] sorted = (k < kinds.size() ? timed[k] : baseline).clone();
                Arrays.sort(sorted);
                median[k] = sorted[sorted.length / 2] / 1e6;
                p99[k] = sorted[(int) (sorted.length * 0.99)] / 1e6;
                line.append(String.format(" %.2f/%.2f ms", median[k], p99[k]));
            }
            System.out.println(line.append(" (median/p99 per kind, baseline last)"));
            medians.add(median);
            p99s.add(p99);
        }
        System.out.println("MAILBOX SEARCH over " + messages + " messages, " + queries
                + " queries of each kind per round, the first 100 matches with their total");
        double baseMedian = medianOf(medians, kinds.size());
        double baseP99 = medianOf(p99s, kinds.size());
        for (int k = 0; k < kinds.size(); k++) {
            System.out.printf(
                    "  %s: median %.2f ms (%.2f-%.2f), p99 %.2f ms (%.2f-%.2f); p99 ratio to the baseline's p99 %.1f%n",
                    kinds.get(k).name,
                    medianOf(medians, k),
                    minOf(medians, k),
                    maxOf(medians, k),
                    medianOf(p99s, k),
                    minOf(p99s, k),
                    maxOf(p99s, k),
                    medianOf(p99s, k) / baseP99);
        }
        System.out.printf(
                "  baseline: one-row primary-key read: median %.3f ms (%.3f-%.3f), p99 %.3f ms%n",
                baseMedian, minOf(medians, kinds.size()), maxOf(medians, kinds.size()), baseP99);
    }

    private record Kind(String name, String text) {}

    /** Where one search's time goes: the words, the page of ids, the envelopes of the page. */
    private void breakdown(long account, Kind kind, int queries) {
        long words = 0;
        long page = 0;
        long envelopes = 0;
        long whole = 0;
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            List<String> lexemes = jdbc.sql("SELECT lexeme FROM unnest(to_tsvector('simple', ?))")
                    .param(kind.text)
                    .query(String.class)
                    .list();
            long t1 = System.nanoTime();
            List<Long> ids = jdbc.sql("SELECT m.id FROM message_search s JOIN message m"
                            + " ON m.account_id = s.account_id AND m.id = s.message_id"
                            + " WHERE s.account_id = ? AND s.document @@ ?::tsquery"
                            + " ORDER BY m.received_at DESC, m.id DESC LIMIT 100")
                    .params(
                            account,
                            String.join(
                                    " & ",
                                    lexemes.stream().map(l -> "'" + l + "':*").toList()))
                    .query(Long.class)
                    .list();
            long t2 = System.nanoTime();
            mailboxes.messages(account, ids);
            long t3 = System.nanoTime();
            search.search(account, MessageQuery.words(kind.text), 0, 100);
            long t4 = System.nanoTime();
            words += t1 - t0;
            page += t2 - t1;
            envelopes += t3 - t2;
            whole += t4 - t3;
        }
        System.out.printf(
                "  \"%s\", mean of %d: words %.2f ms, page of ids %.2f ms, envelopes %.2f ms; whole search %.2f ms%n",
                kind.text,
                queries,
                words / 1e6 / queries,
                page / 1e6 / queries,
                envelopes / 1e6 / queries,
                whole / 1e6 / queries);
    }

    /** The plan of a page of matches, as the search runs it, with its timing. */
    private void explain(long account, Kind kind) {
        String query = String.join(
                " & ",
                jdbc.sql("SELECT quote_literal(lexeme) || ':*' FROM unnest(to_tsvector('simple', ?))")
                        .param(kind.text)
                        .query(String.class)
                        .list());
        System.out.println("  plan of a page of \"" + kind.text + "\":");
        jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) SELECT m.id FROM message_search s JOIN message m"
                        + " ON m.account_id = s.account_id AND m.id = s.message_id"
                        + " WHERE s.account_id = ? AND s.document @@ ?::tsquery"
                        + " ORDER BY m.received_at DESC, m.id DESC LIMIT 100 OFFSET 0")
                .params(account, query)
                .query(String.class)
                .list()
                .forEach(line -> System.out.println("    " + line));
    }

    /** An account with {@code count} messages in its Inbox and their full-text rows, written in bulk. */
    private long fill(String name, int count) {
        AccountView account =
                accounts.create(NewAccount.user(name + "-" + System.nanoTime() + "@bench.test", "benchmark-password"));
        long id = account.id();
        long inbox = mailboxes.systemFolder(id, SystemFolder.INBOX).id();
        byte[] raw = "Subject: seed\r\n\r\nseed\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        mailboxes.deliver(id, inbox, raw, null);
        byte[] sha = jdbc.sql("SELECT blob_sha256 FROM message WHERE account_id = ? LIMIT 1")
                .param(id)
                .query(byte[].class)
                .single();
        long base = mailboxes.highestModseq(id);
        Random random = new Random(name.hashCode());
        int batch = 5_000;
        for (int from = 0; from < count; from += batch) {
            int size = Math.min(batch, count - from);
            String[] subjects = new String[size];
            String[] bodies = new String[size];
            for (int i = 0; i < size; i++) {
                subjects[i] = words(random, 5);
                bodies[i] = words(random, BODY_WORDS);
            }
            jdbc.sql("""
                            WITH v AS (SELECT s.subject, s.body, nextval('message_id_seq') AS id, s.n
                                       FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS s(subject, body, n)),
                            m AS (INSERT INTO message (account_id, id, folder_id, blob_sha256, thread_id, received_at,
                                      subject, from_list, preview, size, modseq)
                                  SELECT ?, v.id, ?, ?, v.id, now() - make_interval(secs => ? + v.n), v.subject,
                                      'Bench Sender <sender@example.org>', left(v.body, 255), 1024, ? + v.n
                                  FROM v RETURNING id)
                            INSERT INTO message_search (account_id, message_id, document)
                            SELECT ?, v.id, setweight(to_tsvector('simple', v.subject), 'A')
                                || setweight(to_tsvector('simple', 'sender@example.org sender example org'), 'B')
                                || setweight(to_tsvector('simple', v.body), 'C')
                            FROM v JOIN m ON m.id = v.id
                            """)
                    .params(subjects, bodies, id, inbox, sha, from, base + from, id)
                    .update();
        }
        jdbc.sql("UPDATE mailbox SET highest_modseq = ? WHERE account_id = ?")
                .params(base + count, id)
                .update();
        return id;
    }

    /** Words drawn with a skewed frequency: rank r comes up about in proportion to 1 / r^(2/3). */
    private String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble();
            text.append(vocabulary[(int) (Math.pow(u, 3) * VOCABULARY)]).append(' ');
        }
        return text.toString();
    }

    private static double medianOf(List<double[]> rounds, int k) {
        double[] values = rounds.stream().mapToDouble(r -> r[k]).sorted().toArray();
        return values[values.length / 2];
    }

    private static double minOf(List<double[]> rounds, int k) {
        return rounds.stream().mapToDouble(r -> r[k]).min().orElse(0);
    }

    private static double maxOf(List<double[]> rounds, int k) {
        return rounds.stream().mapToDouble(r -> r[k]).max().orElse(0);
    }
}
