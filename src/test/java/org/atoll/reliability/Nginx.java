package org.atoll.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.atoll.support.AtollProcess;
import org.atoll.support.DataDirectories;

/**
 * nginx from the system (Debian's {@code nginx} package) in the foreground, on 127.0.0.1, in front of Atoll nodes,
 * configured as the README's "Direct Push behind a reverse proxy" tells operators: a read timeout above the longest
 * heartbeat, no response buffering, the Host and X-Forwarded-For headers passed on, request bodies up to Atoll's
 * own limit. The nodes form one upstream, taken in turn (round robin). Logs, pid file and temporary files live
 * under {@code target/}; as root its workers run as root, so they can reach them.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path directory;

    private Nginx(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** The nginx program, or null when it is not installed. */
    static Path program() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static Nginx start(List<Integer> upstreamPorts) throws IOException, InterruptedException {
        Path directory = DataDirectories.create(Path.of("target").toAbsolutePath(), "nginx-");
        int port = AtollProcess.freePort();
        Path config = directory.resolve("nginx.conf");
        Files.writeString(config, config(directory, port, upstreamPorts));
        Process process = new ProcessBuilder(
                        program().toString(),
                        "-p",
                        directory.toString(),
                        "-c",
                        config.toString(),
                        "-e",
                        directory.resolve("error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile())
                .start();
        Nginx nginx = new Nginx(process, port, directory);
        Runtime.getRuntime().addShutdownHook(new Thread(nginx::close, "nginx-reaper"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                nginx.close();
                throw new IllegalStateException(
                        "nginx did not start: " + Files.readString(directory.resolve("nginx.out"))
                                + Files.readString(directory.resolve("error.log")));
            }
            Thread.sleep(50);
        }
        return nginx;
    }

    /** The configuration: the README's location block, with the nodes as one round-robin upstream. */
    static String config(Path directory, int port, List<Integer> upstreamPorts) {
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        String servers = upstreamPorts.stream()
                .map(p -> "        server 127.0.0.1:" + p + ";")
                .collect(Collectors.joining("\n"));
        return user + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                events {
                    worker_connections 1024;
                }
                http {
                    log_format upstream '$request_method|$uri|$status|$upstream_addr|$upstream_status';
                    access_log %1$s/access.log upstream;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream atoll {
                %2$s
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://atoll;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_read_timeout 3660s;
                            proxy_buffering off;
                            client_max_body_size 32m;
                        }
                    }
                }
                """.formatted(directory, servers, port);
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** The access log: one line per request with the node (upstream address) that served it. */
    List<String> accessLog() throws IOException {
        Path log = directory.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Stops nginx (SIGTERM, a fast shutdown that ends its workers), then kills whatever is left. */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
