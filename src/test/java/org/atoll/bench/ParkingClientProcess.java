package org.atoll.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The load client of {@link PushBenchmark} as a process of its own, started by {@link ParkingProcess}: it holds the
 * client ends of the parked connections, so that the server's process keeps only its own file descriptors and its
 * heap holds only the server's side. It reads framed records from standard input and writes framed records to
 * standard output:
 *
 * <ul>
 *   <li>in: {@code int id, int port, int length, byte[length]}: send that HTTP request on a new connection to
 *       127.0.0.1:port; an id below zero ends the process;
 *   <li>out: {@code int id, long arrivedNanos, int status, int length, byte[length]}: the answer's HTTP status and
 *       body, and when its last byte arrived ({@link System#nanoTime()}, the machine's monotonic clock, which the
 *       benchmark's process reads too); status -1 for a failure, its message as the body.
 * </ul>
 *
 * Answers are written by a thread of their own, so that the selector that reads them never waits on the pipe.
 */
final class ParkingClientProcess {

    private record Out(int id, long arrivedNanos, int status, byte[] body) {}

    private static final Out END = new Out(-1, 0, 0, new byte[0]);

    private ParkingClientProcess() {}

    public static void main(String[] args) throws Exception {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        LinkedBlockingQueue<Out> answers = new LinkedBlockingQueue<>();
        Thread writer = Thread.ofPlatform().name("answers").start(() -> write(answers, out));
        Map<Integer, ParkingClient> clients = new HashMap<>();
        try {
            while (true) {
                int id = in.readInt();
                if (id < 0) {
                    break;
                }
                int port = in.readInt();
                byte[] request = in.readNBytes(in.readInt());
                ParkingClient client = clients.get(port);
                if (client == null) {
                    client = new ParkingClient(port);
                    clients.put(port, client);
                }
                try {
                    client.send(request)
                            .whenComplete((answer, failure) -> answers.add(
                                    failure == null
                                            ? new Out(id, answer.arrivedNanos(), answer.status(), answer.body())
                                            : new Out(id, System.nanoTime(), -1, message(failure))));
                } catch (IOException e) {
                    answers.add(new Out(id, System.nanoTime(), -1, message(e)));
                }
            }
        } catch (EOFException e) {
            // the benchmark's process went away: end as if told to
        }
        for (ParkingClient client : clients.values()) {
            client.close();
        }
        answers.add(END);
        writer.join();
        System.exit(0);
    }

    private static void write(LinkedBlockingQueue<Out> answers, DataOutputStream out) {
        try {
            while (true) {
                Out next = answers.take();
                if (next == END) {
                    out.flush();
                    return;
                }
                out.writeInt(next.id());
                out.writeLong(next.arrivedNanos());
                out.writeInt(next.status());
                out.writeInt(next.body().length);
                out.write(next.body());
                if (answers.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            System.exit(2);
        }
    }

    private static byte[] message(Throwable failure) {
        return String.valueOf(failure).getBytes(StandardCharsets.UTF_8);
    }
}
