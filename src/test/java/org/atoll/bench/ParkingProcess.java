package org.atoll.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@link PushBenchmark}'s side of the load client that runs in a child JVM ({@link ParkingClientProcess}), started
 * with the test classpath and talking to the nodes over 127.0.0.1. The futures of a batch of answers are made by
 * {@link #reserve} before anything is sent, so that sending and parking allocate nothing in this process beyond
 * what the server itself keeps: a heap measured around the parking holds the server's side only.
 */
final class ParkingProcess implements AutoCloseable {

    /** One request to come: its id in the exchange with the child, and its answer. */
    record Call(int id, CompletableFuture<ParkingClient.Answer> answer) {}

    private final Process process;
    private final DataOutputStream toClient;
    private final Thread reader;
    private final ConcurrentHashMap<Integer, CompletableFuture<ParkingClient.Answer>> pending =
            new ConcurrentHashMap<>();
    private int nextId;

    ParkingProcess() throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        process = new ProcessBuilder(
                        java,
                        "-Xmx1g",
                        "-XX:+UseSerialGC",
                        "-XX:+DisplayVMOutputToStderr",
                        "-cp",
                        classpath(),
                        ParkingClientProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        toClient = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        DataInputStream fromClient = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        reader =
                Thread.ofPlatform().name("parking-process-answers").daemon(true).start(() -> read(fromClient));
    }

    /** The pid of the client's process, for the report. */
    long pid() {
        return process.pid();
    }

    /** Makes the futures of {@code count} requests to come; call it before measuring what parking costs. */
    List<Call> reserve(int count) {
        List<Call> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CompletableFuture<ParkingClient.Answer> answer = new CompletableFuture<>();
            int id = nextId++;
            pending.put(id, answer);
            calls.add(new Call(id, answer));
        }
        return calls;
    }

    /** Has the child send {@code request} on a new connection to 127.0.0.1:{@code port}; its answer completes the call. */
    void send(Call call, int port, byte[] request) {
        try {
            toClient.writeInt(call.id());
            toClient.writeInt(port);
            toClient.writeInt(request.length);
            toClient.write(request);
            toClient.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The load client's process went away", e);
        }
    }

    private void read(DataInputStream fromClient) {
        try {
            while (true) {
                int id = fromClient.readInt();
                long arrived = fromClient.readLong();
                int status = fromClient.readInt();
                byte[] body = fromClient.readNBytes(fromClient.readInt());
                CompletableFuture<ParkingClient.Answer> answer = pending.remove(id);
                if (answer == null) {
                    continue;
                }
                if (status < 0) {
                    answer.completeExceptionally(new IOException(new String(body, StandardCharsets.UTF_8)));
                } else {
                    answer.complete(new ParkingClient.Answer(arrived, status, body));
                }
            }
        } catch (IOException e) {
            IOException gone = new IOException("The load client's process ended", e);
            pending.values().forEach(answer -> answer.completeExceptionally(gone));
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            toClient.writeInt(-1);
            toClient.flush();
        } catch (IOException e) {
            process.destroy();
        }
        process.waitFor();
        reader.join(10_000);
    }

    /**
     * The test classpath: the class loader's when it has one of its own (exec:java runs the benchmark in an
     * isolated class loader), else the JVM's.
     */
    private static String classpath() {
        if (ParkingProcess.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs())
                    .map(url -> {
                        try {
                            return Path.of(url.toURI()).toString();
                        } catch (URISyntaxException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }
}
