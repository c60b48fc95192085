package org.atoll.transfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.atoll.mailbox.SystemFolder;
import org.atoll.transfer.ImportSource;

/** One mbox file as one folder, read twice: once to count its messages, once to import them. */
public final class MboxSource implements MailSource {

    private final ImportSource.Mbox source;
    private final int maxMessageBytes;

    public MboxSource(ImportSource.Mbox source, int maxMessageBytes) {
        this.source = source;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public List<SourceFolder> folders() {
        Path file = source.file();
        String target = source.folder();
        if (target == null) {
            String name = file.getFileName().toString();
            target = name.toLowerCase(java.util.Locale.ROOT).endsWith(".mbox")
                    ? name.substring(0, name.length() - 5)
                    : name;
        }
        List<String> path = Arrays.stream(target.split("/"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (path.isEmpty()) {
            path = List.of("INBOX");
        }
        long count;
        try (InputStream in = Files.newInputStream(file)) {
            count = MboxReader.count(in);
        } catch (IOException | UncheckedIOException e) {
            throw new SourceFailure("Cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        SystemFolder role = FolderRoles.byName(path).orElse(null);
        return List.of(new SourceFolder(path, role, count, file));
    }

    @Override
    public void read(SourceFolder folder, MessageSink sink) {
        try (InputStream in = Files.newInputStream((Path) folder.handle())) {
            new MboxReader(in, source.format(), maxMessageBytes).read(sink);
        } catch (IOException | UncheckedIOException e) {
            throw new SourceFailure("Cannot read " + folder.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {}
}
