package org.atoll.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * How {@link AtollProcess} runs the server: this JVM's {@code java}, the built classes (packed into a jar under
 * {@code target/processes}) and the test's dependencies, but not the test classes, whose components the server's
 * scan would pick up. Small heap, serial GC and the client compiler keep a start cheap on a shared machine; once
 * {@link #train} has run, starts also read a JDK AOT cache (JEP 483/514) of the classes a start loads, which
 * roughly halves the time to ready, so a suite can afford many restarts.
 */
public final class AtollRuntime {

    private static AtollRuntime instance;

    private final Path java;
    private final String classPath;
    private final Path aotCache;
    private volatile boolean trained;

    private AtollRuntime(Path java, String classPath, Path aotCache) {
        this.java = java;
        this.classPath = classPath;
        this.aotCache = aotCache;
    }

    public static synchronized AtollRuntime get() {
        if (instance == null) {
            try {
                instance = create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static AtollRuntime create() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path processes = Files.createDirectories(target.resolve("processes"));
        String full = System.getProperty("java.class.path");
        List<String> entries = new ArrayList<>();
        for (String entry : full.split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (path.equals(target.resolve("test-classes"))
                    || path.getFileName().toString().startsWith("surefire")) {
                continue;
            }
            if (path.equals(target.resolve("classes"))) {
                Path jar = processes.resolve("atoll-classes.jar");
                jar(path, jar);
                entries.add(jar.toString());
            } else if (Files.isRegularFile(path)) {
                entries.add(path.toString());
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path aot = processes.resolve("atoll.aot");
        Files.deleteIfExists(aot);
        return new AtollRuntime(java, String.join(File.pathSeparator, entries), aot);
    }

    /** The JVM's part of the command line, up to the main class. */
    List<String> javaCommand() {
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.security.egd=file:/dev/urandom",
                "-cp",
                classPath));
        if (trained && Files.isRegularFile(aotCache)) {
            command.add(1, "-XX:AOTCache=" + aotCache);
        }
        return command;
    }

    /**
     * Starts the server once against {@code database}, lets it come up and stops it gracefully, so that the JVM
     * writes the AOT cache later starts read. Without a cache (the JVM could not write one) starts just take longer.
     */
    public synchronized void train(AtollProcess.Database database) throws IOException, InterruptedException {
        if (trained) {
            return;
        }
        AtollProcess training = new AtollProcess("aot-training", database);
        try {
            training.startTraining(aotCache);
            training.stop(Duration.ofMinutes(3));
        } finally {
            training.close();
        }
        trained = Files.isRegularFile(aotCache);
    }

    List<String> trainingCommand(Path output) {
        List<String> command = javaCommand();
        command.add(1, "-XX:AOTCacheOutput=" + output);
        return command;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Path staging = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(staging);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
        Files.move(staging, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
