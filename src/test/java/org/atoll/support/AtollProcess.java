package org.atoll.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Atoll as an operating-system process of its own ({@code java org.atoll.AtollApplication} on the built classes and
 * the test's dependencies), on 127.0.0.1 at a port fixed for its whole life, against a PostgreSQL the test names,
 * with a data directory of its own. It can be started, stopped gracefully and killed with SIGKILL any number of
 * times; each start appends its output to {@code target/processes/<name>.log}. Every process started here dies
 * with the test JVM: {@link #close} kills it, and a shutdown hook kills whatever a failed test left running.
 */
public final class AtollProcess implements AutoCloseable {

    /** Every port {@link #freePort} has handed out. */
    private static final Set<Integer> GIVEN_PORTS = ConcurrentHashMap.newKeySet();

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration READY_BOUND = Duration.ofSeconds(180);

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "atoll-process-reaper"));
    }

    private final String name;
    private final int port;
    private final Path dataDir;
    private final Path log;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Map<String, String> systemProperties = Map.of();
    private Process process;
    private int starts;

    /**
     * @param database the JDBC URL, user and password of the PostgreSQL every node shares
     */
    public AtollProcess(String name, Database database) throws IOException {
        this.name = name;
        this.port = freePort();
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target.resolve("processes"));
        this.dataDir = DataDirectories.create(target, "process-" + name + "-");
        this.log = target.resolve("processes").resolve(name + ".log");
        Files.deleteIfExists(log);
        settings.put("server.address", "127.0.0.1");
        settings.put("server.port", Integer.toString(port));
        settings.put("spring.datasource.url", database.url());
        settings.put("spring.datasource.username", database.user());
        settings.put("spring.datasource.password", database.password());
        settings.put("spring.datasource.hikari.maximum-pool-size", "10");
        settings.put("atoll.data-dir", dataDir.toString());
        settings.put("atoll.admin.password", "admin-test-password");
        settings.put("atoll.sign-in.free-failures-per-source", "100000");
    }

    /** The PostgreSQL the nodes share. */
    public record Database(String url, String user, String password) {}

    /** A setting given as {@code --name=value} from the next start on. */
    public AtollProcess with(String setting, String value) {
        settings.put(setting, value);
        return this;
    }

    /** Java system properties ({@code -Dname=value}) for the next start only, e.g. a crash point. */
    public AtollProcess nextStartWith(Map<String, String> properties) {
        this.systemProperties = Map.copyOf(properties);
        return this;
    }

    public String name() {
        return name;
    }

    /** A setting as it will be given at the next start. */
    public String setting(String setting) {
        return settings.get(setting);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** How many times this process has been started. */
    public int starts() {
        return starts;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the server and returns once it answers its health check. */
    public AtollProcess start() throws IOException, InterruptedException {
        startInBackground();
        awaitReady();
        return this;
    }

    /** Starts the server without waiting for it; {@link #awaitReady} waits. */
    public AtollProcess startInBackground() throws IOException {
        return launch(AtollRuntime.get().javaCommand());
    }

    /** Starts the server so that its JVM writes an AOT cache to {@code output} when it ends gracefully. */
    void startTraining(Path output) throws IOException, InterruptedException {
        launch(AtollRuntime.get().trainingCommand(output));
        awaitReady();
    }

    private synchronized AtollProcess launch(List<String> javaCommand) throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        List<String> command = new ArrayList<>(javaCommand);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        systemProperties = Map.of();
        command.add("org.atoll.AtollApplication");
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        starts++;
        Files.writeString(
                log,
                "\n==== start " + starts + " of " + name + " on port " + port + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        LIVE.add(process);
        return this;
    }

    /** Waits until the server answers {@code /actuator/health} with 200; fails if the process ends first. */
    public void awaitReady() throws InterruptedException {
        if (!awaitReadyUnlessEnded()) {
            throw new IllegalStateException(name + " ended before it was ready; see " + log);
        }
    }

    /**
     * Waits until the server answers its health check (true) or its process ends by itself (false), as one armed
     * with a crash point may do before the first health check gets through.
     */
    public boolean awaitReadyUnlessEnded() throws InterruptedException {
        long deadline = System.nanoTime() + READY_BOUND.toNanos();
        while (true) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null || !current.isAlive()) {
                return false;
            }
            if (healthy()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + READY_BOUND + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the process ends at once, with no shutdown of its own. */
    public void kill() throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current != null) {
            current.destroyForcibly();
            current.waitFor();
            LIVE.remove(current);
        }
    }

    /** Waits for the process to end by itself (a crash point halts it); false if it still runs after the bound. */
    public boolean awaitExit(Duration bound) throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return true;
        }
        boolean ended = current.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (ended) {
            LIVE.remove(current);
        }
        return ended;
    }

    /** SIGTERM and a wait for the graceful shutdown; SIGKILL if it takes longer than the bound. */
    public void stop(Duration bound) throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return;
        }
        current.destroy();
        if (!current.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            current.destroyForcibly();
            current.waitFor();
        }
        LIVE.remove(current);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /**
     * A port that was free a moment ago on 127.0.0.1 and that this JVM has not handed out before: a port is free
     * again as soon as it is asked for, so without the record a node's HTTP and LMTP ports could be the same one.
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (GIVEN_PORTS.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
