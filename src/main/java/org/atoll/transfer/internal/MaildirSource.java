package org.atoll.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.atoll.mailbox.SystemFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxDecoder;

/**
 * A Maildir tree. The root's {@code cur} and {@code new} are the Inbox; a Maildir++ subfolder ({@code .Sent},
 * {@code .Archive.2024}, its name in IMAP's modified UTF-7) and a nested Maildir ({@code Sent/cur}) are folders of
 * their names. Messages in {@code new} are unread; those in {@code cur} carry their flags in the info suffix
 * {@code :2,FRS} (F flagged, R replied, S seen; {@code !} also separates on file systems without colons). Files
 * are read in name order, which starts with the delivery time; links are not followed.
 */
public final class MaildirSource implements MailSource {

    private static final int MAX_DEPTH = 16;

    private final Path root;
    private final int maxMessageBytes;

    public MaildirSource(Path root, int maxMessageBytes) {
        this.root = root;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public List<SourceFolder> folders() {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new SourceFailure("No Maildir at " + root.getFileName());
        }
        List<SourceFolder> found = new ArrayList<>();
        walk(root, List.of(), 0, found);
        return found;
    }

    private void walk(Path dir, List<String> path, int depth, List<SourceFolder> found) {
        if (isMaildir(dir)) {
            List<String> name = path.isEmpty() ? List.of("INBOX") : path;
            SystemFolder role = path.isEmpty()
                    ? SystemFolder.INBOX
                    : FolderRoles.byName(name).orElse(null);
            found.add(new SourceFolder(name, role, messages(dir).size(), dir));
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                        || List.of("cur", "new", "tmp").contains(name)
                        || name.equals(".")
                        || name.equals("..")) {
                    continue;
                }
                List<String> childPath = new ArrayList<>(path);
                if (name.startsWith(".")) {
                    Arrays.stream(name.substring(1).split("\\."))
                            .filter(s -> !s.isEmpty())
                            .map(BASE64MailboxDecoder::decode)
                            .forEach(childPath::add);
                } else {
                    childPath.add(BASE64MailboxDecoder.decode(name));
                }
                if (childPath.size() > path.size()) {
                    walk(child, childPath, depth + 1, found);
                }
            }
        } catch (IOException e) {
            throw new SourceFailure("Cannot list " + root.relativize(dir) + ": " + e.getMessage(), e);
        }
    }

    private static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur"), LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(dir.resolve("new"), LinkOption.NOFOLLOW_LINKS);
    }

    private static List<Path> messages(Path dir) {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path part = dir.resolve(sub);
            if (!Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> list = Files.list(part)) {
                list.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new SourceFailure("Cannot list " + sub + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    @Override
    public void read(SourceFolder folder, MessageSink sink) {
        Path dir = (Path) folder.handle();
        for (Path file : messages(dir)) {
            String name = file.getFileName().toString();
            boolean fresh = file.getParent().getFileName().toString().equals("new");
            String flags = flags(name);
            try {
                long size = Files.size(file);
                if (size > maxMessageBytes || size == 0) {
                    sink.failed(name + ": " + size + " bytes", size);
                    continue;
                }
                byte[] raw = Files.readAllBytes(file);
                SourceMessage message = new SourceMessage(
                        raw,
                        Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                                .toInstant(),
                        !fresh && flags.indexOf('S') >= 0,
                        !fresh && flags.indexOf('F') >= 0,
                        !fresh && flags.indexOf('R') >= 0);
                if (!sink.accept(message)) {
                    return;
                }
            } catch (IOException e) {
                sink.failed(name + ": " + e.getMessage(), 0);
            }
        }
    }

    /** The flags of the info suffix {@code :2,<flags>} (or {@code !2,}), empty without one. */
    static String flags(String fileName) {
        for (String separator : List.of(":2,", "!2,")) {
            int at = fileName.lastIndexOf(separator);
            if (at >= 0) {
                return fileName.substring(at + separator.length());
            }
        }
        return "";
    }

    @Override
    public void close() {}
}
