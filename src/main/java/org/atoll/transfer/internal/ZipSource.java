package org.atoll.transfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.atoll.mailbox.SystemFolder;
import org.atoll.transfer.MboxFormat;

/**
 * A ZIP archive of {@code .mbox} files (each a folder named by its path) and {@code .eml} files (each a message of
 * the folder its directory names; the Inbox at the top), as an export writes it. Other entries are left alone.
 * Nothing is unpacked to disk: entries are read from the archive, each message within the size limit.
 */
public final class ZipSource implements MailSource {

    private final ZipFile zip;
    private final int maxMessageBytes;

    public ZipSource(Path file, int maxMessageBytes) {
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new SourceFailure("Not a ZIP archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceFailure("Cannot open the archive: " + e.getMessage(), e);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    private record EmlFolder(List<ZipEntry> entries) {}

    @Override
    public List<SourceFolder> folders() {
        List<SourceFolder> found = new ArrayList<>();
        Map<List<String>, List<ZipEntry>> eml = new LinkedHashMap<>();
        List<? extends ZipEntry> entries = zip.stream()
                .filter(e -> !e.isDirectory())
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList();
        for (ZipEntry entry : entries) {
            String name = entry.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".mbox")) {
                List<String> path = ZipNames.path(name.substring(0, name.length() - ".mbox".length()));
                if (path.isEmpty()) {
                    continue;
                }
                long count;
                try (InputStream in = zip.getInputStream(entry)) {
                    count = MboxReader.count(in);
                } catch (IOException | RuntimeException e) {
                    count = -1;
                }
                found.add(new SourceFolder(path, role(path), count, entry));
            } else if (lower.endsWith(".eml")) {
                int slash = name.lastIndexOf('/');
                List<String> path = slash < 0 ? List.of() : ZipNames.path(name.substring(0, slash));
                eml.computeIfAbsent(path.isEmpty() ? List.of("INBOX") : path, p -> new ArrayList<>())
                        .add(entry);
            }
        }
        eml.forEach((path, list) ->
                found.add(new SourceFolder(path, role(path), list.size(), new EmlFolder(List.copyOf(list)))));
        return found;
    }

    private static SystemFolder role(List<String> path) {
        return FolderRoles.byName(path).orElse(null);
    }

    @Override
    public void read(SourceFolder folder, MessageSink sink) {
        try {
            if (folder.handle() instanceof ZipEntry entry) {
                try (InputStream in = zip.getInputStream(entry)) {
                    new MboxReader(in, MboxFormat.MBOXRD, maxMessageBytes).read(sink);
                }
                return;
            }
            for (ZipEntry entry : ((EmlFolder) folder.handle()).entries()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] raw = in.readNBytes(maxMessageBytes + 1);
                    if (raw.length == 0 || raw.length > maxMessageBytes) {
                        sink.failed(entry.getName() + ": empty or too large", raw.length);
                        continue;
                    }
                    long modified = entry.getTime();
                    SourceMessage message = new SourceMessage(
                            raw, modified < 0 ? null : java.time.Instant.ofEpochMilli(modified), false, false, false);
                    if (!sink.accept(message)) {
                        return;
                    }
                } catch (IOException e) {
                    sink.failed(entry.getName() + ": " + e.getMessage(), 0);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SourceFailure("Cannot read " + folder.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // Only read from: nothing to lose.
        }
    }
}
