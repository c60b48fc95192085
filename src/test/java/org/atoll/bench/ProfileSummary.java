package org.atoll.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's request threads spend their CPU, from a JFR recording of a benchmark's JVM: the execution samples
 * of Tomcat's request threads ({@code tomcat-handler-…}, virtual threads), leaving out password hashing (a set-up's first sign-ins)
 * and the trivial endpoint (the HTTP baseline). Each sample is counted once by the code it runs in (its top frame
 * outside the JDK, grouped by library or by Atoll's module) and once for every part of a request it lies under
 * (sign-in, device, Sync, WBXML, …), so the second table's shares overlap.
 *
 * <p>Record with {@code MAVEN_OPTS="-XX:StartFlightRecording=filename=sync.jfr,settings=profile"} before the
 * benchmark's {@code ./mvnw exec:java}, then {@code ./mvnw -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.atoll.bench.ProfileSummary -Dexec.args="sync.jfr"}.
 */
public final class ProfileSummary {

    /** Parts of a request, by a frame anywhere on the stack: class name prefix (and method, after '#'), in order. */
    private static final Map<String, String> PARTS = parts();

    private ProfileSummary() {}

    private static Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("org.springframework.security.web.FilterChainProxy", "Spring Security's filter chain");
        parts.put("org.atoll.account.SignIn", "sign-in (SignIn)");
        parts.put("org.atoll.eas.EasAdmission", "admitted ActiveSync command (EasAdmission and below)");
        parts.put("org.atoll.device.Devices", "device registry (Devices)");
        parts.put("org.atoll.device.Provisioning", "policy check (Provisioning)");
        parts.put("org.atoll.eas.WbxmlMessageConverter#read", "WBXML request decoding");
        parts.put("org.atoll.eas.WbxmlMessageConverter#write", "WBXML response encoding and writing");
        parts.put("org.atoll.sync.ItemSyncs", "Sync transaction (ItemSyncs)");
        parts.put("org.atoll.sync.internal.CollectionReads", "opening read (CollectionReads)");
        parts.put("org.atoll.sync.internal.CollectionWrites", "closing write (CollectionWrites)");
        parts.put("org.atoll.mailbox.internal.MessageReads", "envelope and MIME read (MessageReads)");
        parts.put("org.springframework.orm.jpa.JpaTransactionManager", "JPA transaction manager");
        parts.put("org.hibernate", "Hibernate");
        parts.put("com.zaxxer.hikari", "connection pool (HikariCP)");
        parts.put("org.postgresql", "JDBC driver");
        parts.put("io.micrometer", "metrics (Micrometer)");
        parts.put("org.atoll.eas.EasRequestMetrics", "request log and metrics (EasRequestMetrics)");
        parts.put("ch.qos.logback", "logging");
        return parts;
    }

    public static void main(String[] args) throws IOException {
        Map<String, Integer> bySelf = new TreeMap<>();
        Map<String, Integer> byPart = new LinkedHashMap<>();
        PARTS.values().forEach(part -> byPart.put(part, 0));
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = event.getThread("sampledThread").getJavaName();
            List<RecordedFrame> frames = event.getStackTrace() == null
                    ? List.of()
                    : event.getStackTrace().getFrames();
            if (thread == null || !thread.startsWith("tomcat-handler-") || excluded(frames)) {
                continue;
            }
            samples++;
            bySelf.merge(owner(frames), 1, Integer::sum);
            for (Map.Entry<String, String> part : PARTS.entrySet()) {
                if (frames.stream().anyMatch(frame -> matches(frame, part.getKey()))) {
                    byPart.merge(part.getValue(), 1, Integer::sum);
                }
            }
        }
        int all = samples;
        System.out.printf("%,d samples of the server's request threads%n%nBy the code they ran in:%n", all);
        bySelf.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
        System.out.printf("%nBy the part of the request they lie under (overlapping):%n");
        byPart.forEach((part, count) -> System.out.printf("  %5.1f %%  %s%n", 100.0 * count / all, part));
    }

    private static boolean excluded(List<RecordedFrame> frames) {
        return frames.stream().anyMatch(frame -> {
            String type = frame.getMethod().getType().getName();
            return type.startsWith("org.bouncycastle") || type.equals("org.atoll.bench.TrivialEndpoint");
        });
    }

    private static boolean matches(RecordedFrame frame, String pattern) {
        int hash = pattern.indexOf('#');
        String type = frame.getMethod().getType().getName();
        if (hash < 0) {
            return type.startsWith(pattern);
        }
        return type.equals(pattern.substring(0, hash))
                && frame.getMethod().getName().equals(pattern.substring(hash + 1));
    }

    /** The library or Atoll module whose code the sample ran in: its top frame outside the JDK. */
    private static String owner(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            String[] parts = type.split("\\.");
            if (type.startsWith("org.atoll.")) {
                return "Atoll " + parts[2];
            }
            return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : type;
        }
        return frames.isEmpty() ? "(no stack)" : "JDK only";
    }
}
