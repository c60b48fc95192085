package org.atoll.database;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operating-system user PostgreSQL's programs run as. PostgreSQL refuses to run as root ({@code initdb},
 * {@code pg_ctl} and {@code postgres} each check the effective user id), so a server started as root runs them as an
 * unprivileged system user: created if missing, owner of the data directory, and entered through
 * {@code setpriv}, which sets the user and group ids and then executes the program. Unlike {@code runuser} or
 * {@code su} it opens no login session, so nothing but the program runs as that user. Started as anyone else, the
 * programs run as that user, unchanged.
 *
 * @param name the user's name
 * @param prefix what goes before a program and its arguments: nothing, or the {@code setpriv} invocation
 * @param uid the user id the programs run as
 * @param gid its group id
 */
record PostgresUser(String name, List<String> prefix, int uid, int gid) {

    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /** The user this process runs as, or the system user {@code systemUser} (created if missing) when that is root. */
    static PostgresUser forThisProcess(String systemUser) {
        UnixSystem self = new UnixSystem();
        if (self.getUid() != 0) {
            return new PostgresUser(
                    System.getProperty("user.name"), List.of(), (int) self.getUid(), (int) self.getGid());
        }
        if (!USER_NAME.matcher(systemUser).matches()) {
            throw new IllegalStateException(
                    "atoll.database.system-user must be a user name such as atoll-postgres, not " + systemUser);
        }
        Output uid = run(List.of("id", "-u", systemUser));
        if (uid.exitCode() != 0) {
            Output created = run(List.of(
                    "useradd",
                    "--system",
                    "--user-group",
                    "--no-create-home",
                    "--home-dir",
                    "/nonexistent",
                    "--shell",
                    "/usr/sbin/nologin",
                    systemUser));
            uid = run(List.of("id", "-u", systemUser));
            if (uid.exitCode() != 0) {
                throw new IllegalStateException("PostgreSQL refuses to run as root, and the system user " + systemUser
                        + " to run it as could not be created: " + created.text()
                        + " (create it, name another one in atoll.database.system-user, or start Atoll as an"
                        + " ordinary user)");
            }
        }
        Output gid = run(List.of("id", "-g", systemUser));
        int userId = Integer.parseInt(uid.text());
        int groupId = Integer.parseInt(gid.text());
        return new PostgresUser(
                systemUser,
                List.of("setpriv", "--reuid=" + userId, "--regid=" + groupId, "--init-groups", "--"),
                userId,
                groupId);
    }

    static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** The command that runs {@code program} with {@code arguments} as this user. */
    List<String> command(Path program, List<String> arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.add(program.toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * Makes this user the owner of {@code directory} and everything in it, as PostgreSQL demands of its data
     * directory; a directory another user (or an earlier start as an ordinary user) created is handed over.
     */
    void own(Path directory) throws IOException {
        if (prefix.isEmpty() || owner(directory) == uid) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.toList()) {
                Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * Whether this user can pass through {@code directory}: every directory above it, and it, let the user in, which
     * a home directory such as {@code /root} does not.
     */
    boolean reaches(Path directory) {
        return prefix.isEmpty() || test(directory).exitCode() == 0;
    }

    /**
     * Fails with the reason when this user cannot reach {@code paths}: every directory above them must let it pass,
     * which a home directory such as {@code /root} does not.
     */
    void mustReach(Path... paths) {
        if (prefix.isEmpty()) {
            return;
        }
        for (Path path : paths) {
            Output test = test(path);
            if (test.exitCode() != 0) {
                throw new IllegalStateException("PostgreSQL runs as the system user " + name
                        + " because Atoll runs as root, and that user cannot reach " + path
                        + ": choose an atoll.data-dir it can reach (every directory above it open to others,"
                        + " e.g. under /var/lib or /srv), or start Atoll as an ordinary user");
            }
        }
    }

    private Output test(Path path) {
        Output test = run(command(Path.of("test"), List.of("-x", path.toString())));
        if (test.exitCode() == -1) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and the program that runs it as " + name
                    + " is missing: " + test.text() + " (install util-linux, or start Atoll as an ordinary user)");
        }
        return test;
    }

    private static int owner(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private record Output(int exitCode, String text) {}

    private static Output run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Output(process.waitFor(), text);
        } catch (IOException e) {
            return new Output(-1, command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
        }
    }
}
