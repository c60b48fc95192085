package org.atoll.transfer.internal;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.atoll.mailbox.SystemFolder;
import org.atoll.transfer.ImapSecurity;
import org.atoll.transfer.ImportSource;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;

/**
 * An IMAP server through Angus Mail's IMAP client. Folders are opened read-only (EXAMINE), so reading a message
 * sets no \Seen; messages are fetched a chunk at a time with their flags, envelope and size, then each whole, except
 * those whose Message-ID and size the sink says an earlier run stored (a resumed import downloads only what is new).
 * With TLS the server's certificate and host name are checked. Messages of failing FETCHes are reported one by one
 * and the folder goes on.
 */
public final class ImapSource implements MailSource {

    private static final int CHUNK = 50;

    private final ImportSource.Imap source;
    private final int maxMessageBytes;
    private @Nullable Store store;

    public ImapSource(ImportSource.Imap source, int maxMessageBytes) {
        this.source = source;
        this.maxMessageBytes = maxMessageBytes;
    }

    private Store store() {
        if (store != null && store.isConnected()) {
            return store;
        }
        String protocol = source.security() == ImapSecurity.IMAPS ? "imaps" : "imap";
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "connectiontimeout", "30000");
        properties.put(prefix + "timeout", "300000");
        properties.put(prefix + "writetimeout", "60000");
        properties.put(prefix + "fetchsize", Integer.toString(1024 * 1024));
        properties.put(prefix + "peek", "true");
        if (source.security() == ImapSecurity.IMAPS) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        } else if (source.security() == ImapSecurity.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        try {
            Store opened = Session.getInstance(properties).getStore(protocol);
            opened.connect(source.host(), source.port(), source.username(), source.password());
            store = opened;
            return opened;
        } catch (MessagingException e) {
            throw new SourceFailure("Cannot sign in to " + source.describe() + ": " + reason(e), e);
        }
    }

    @Override
    public List<SourceFolder> folders() {
        Store connected = store();
        List<SourceFolder> found = new ArrayList<>();
        try {
            Set<String> wanted = new LinkedHashSet<>(source.folders());
            for (Folder folder : connected.getDefaultFolder().list("*")) {
                String fullName = folder.getFullName();
                List<String> attributes =
                        folder instanceof IMAPFolder imap ? Arrays.asList(imap.getAttributes()) : List.of();
                boolean selectable = (folder.getType() & Folder.HOLDS_MESSAGES) != 0
                        && attributes.stream()
                                .noneMatch(
                                        a -> a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent"));
                if (!selectable) {
                    continue;
                }
                if (wanted.isEmpty() ? FolderRoles.virtual(attributes) : !wanted.remove(fullName)) {
                    continue;
                }
                List<String> path = path(folder);
                SystemFolder role = path.size() == 1 && path.getFirst().equalsIgnoreCase("INBOX")
                        ? SystemFolder.INBOX
                        : FolderRoles.of(path, attributes).orElse(null);
                found.add(new SourceFolder(path, role, count(folder), fullName));
            }
            for (String missing : wanted) {
                found.add(new SourceFolder(List.of(missing), null, 0, missing));
            }
        } catch (MessagingException e) {
            throw new SourceFailure("Cannot list the folders of " + source.describe() + ": " + reason(e), e);
        }
        return found;
    }

    private static List<String> path(Folder folder) throws MessagingException {
        char separator = folder.getSeparator();
        String fullName = folder.getFullName();
        if (separator == 0) {
            return List.of(fullName);
        }
        return Arrays.stream(fullName.split(java.util.regex.Pattern.quote(Character.toString(separator))))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static long count(Folder folder) {
        try {
            return folder.getMessageCount();
        } catch (MessagingException e) {
            return -1;
        }
    }

    @Override
    public void read(SourceFolder sourceFolder, MessageSink sink) {
        String fullName = (String) sourceFolder.handle();
        Folder folder;
        int total;
        try {
            folder = store().getFolder(fullName);
            folder.open(Folder.READ_ONLY);
            total = folder.getMessageCount();
        } catch (MessagingException e) {
            throw new SourceFailure("Cannot open " + fullName + ": " + reason(e), e);
        }
        try {
            for (int first = 1; first <= total; first += CHUNK) {
                int last = Math.min(total, first + CHUNK - 1);
                Message[] chunk;
                try {
                    chunk = folder.getMessages(first, last);
                    FetchProfile profile = new FetchProfile();
                    profile.add(FetchProfile.Item.FLAGS);
                    profile.add(FetchProfile.Item.ENVELOPE);
                    profile.add(FetchProfile.Item.SIZE);
                    folder.fetch(chunk, profile);
                } catch (MessagingException e) {
                    throw new SourceFailure("Cannot read " + fullName + ": " + reason(e), e);
                }
                Map<Message, MessageSink.Known> announced = announced(chunk);
                Set<MessageSink.Known> storedBefore = sink.storedBefore(announced.values());
                for (Message message : chunk) {
                    MessageSink.Known known = announced.get(message);
                    if (known != null && storedBefore.contains(known)) {
                        sink.skipped(known.size());
                        continue;
                    }
                    if (!deliver(message, sink)) {
                        return;
                    }
                }
            }
        } finally {
            try {
                folder.close(false);
            } catch (MessagingException | IllegalStateException e) {
                // The folder is read-only: closing changes nothing on the server either way.
            }
        }
    }

    /** The messages of a fetched chunk by their Message-ID and size, as the ENVELOPE and RFC822.SIZE gave them. */
    private static Map<Message, MessageSink.Known> announced(Message[] chunk) {
        Map<Message, MessageSink.Known> announced = new HashMap<>();
        for (Message message : chunk) {
            try {
                String header = message instanceof MimeMessage mime ? mime.getMessageID() : null;
                String id = header == null ? null : MessageSink.Known.normalize(header);
                int size = message.getSize();
                if (id != null && size > 0) {
                    announced.put(message, new MessageSink.Known(id, size));
                }
            } catch (MessagingException e) {
                // Not announced: the message is read whole, and the ledger's content hash decides.
            }
        }
        return announced;
    }

    private boolean deliver(Message message, MessageSink sink) {
        int number = message.getMessageNumber();
        try {
            int size = message.getSize();
            if (size > maxMessageBytes) {
                sink.failed("message " + number + ": " + size + " bytes", size);
                return true;
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(size, 1024));
            message.writeTo(raw);
            if (raw.size() == 0 || raw.size() > maxMessageBytes) {
                sink.failed("message " + number + ": " + raw.size() + " bytes", raw.size());
                return true;
            }
            Flags flags = message.getFlags();
            return sink.accept(new SourceMessage(
                    raw.toByteArray(),
                    message.getReceivedDate() == null
                            ? null
                            : message.getReceivedDate().toInstant(),
                    flags.contains(Flags.Flag.SEEN),
                    flags.contains(Flags.Flag.FLAGGED),
                    flags.contains(Flags.Flag.ANSWERED)));
        } catch (MessagingException | IOException e) {
            if (store == null || !store.isConnected()) {
                throw new SourceFailure("Lost the connection to " + source.describe() + ": " + reason(e), e);
            }
            sink.failed("message " + number + ": " + reason(e), 0);
            return true;
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException e) {
                // Nothing was changed on the server; a failed LOGOUT loses nothing.
            }
        }
    }
}
