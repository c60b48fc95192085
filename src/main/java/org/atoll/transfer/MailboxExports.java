package org.atoll.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.Notes;
import org.atoll.mailbox.Tasks;
import org.atoll.transfer.internal.MboxWriter;
import org.atoll.transfer.internal.ZipNames;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Writes a mailbox, or one folder of it, as mbox or as a ZIP of {@code .eml} files, to a stream as it reads: a
 * page of messages at a time, so memory stays constant whatever the mailbox's size. Each message is written with the
 * bytes it was stored with.
 */
@Service
public class MailboxExports {

    /** Messages read from the store at a time. */
    private static final int PAGE = 50;

    /** Raw bytes read from the store at a time, beyond a single larger message. */
    private static final long CHUNK_BYTES = 4 * 1024 * 1024;

    private final Mailboxes mailboxes;

    MailboxExports(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** What a {@link #write} produces: a ZIP archive, or for one folder as mbox a plain mbox file. */
    public enum Container {
        MBOX,
        ZIP
    }

    /** The container an export of these arguments writes, for a caller that names the file before writing it. */
    public static Container container(@Nullable Long folderId, ExportFormat format) {
        return folderId != null && format == ExportFormat.MBOX ? Container.MBOX : Container.ZIP;
    }

    /**
     * Checks that the folder (when one is named) is the account's, before anything is written.
     *
     * @throws org.atoll.mailbox.FolderNotFound when it is not
     * @throws org.atoll.mailbox.MailboxNotFound when the account has no mailbox
     */
    public void check(long accountId, @Nullable Long folderId) {
        if (folderId == null) {
            mailboxes.systemFolder(accountId, org.atoll.mailbox.SystemFolder.INBOX);
        } else {
            mailboxes.folder(accountId, folderId);
        }
    }

    /**
     * Writes the export to the stream (which stays open). A mailbox's folders are written by their paths; a folder
     * as mbox is one mboxrd file, everything else a ZIP ({@link #container}).
     *
     * @param folderId the folder to write, null for every folder
     * @return how many messages were written
     */
    public long write(long accountId, @Nullable Long folderId, ExportFormat format, OutputStream out)
            throws IOException {
        return write(accountId, folderId, format, out, bytes -> {});
    }

    /**
     * Writes the export as {@link #write(long, Long, ExportFormat, OutputStream)} does, telling {@code written} the
     * raw size of each message once it is written, for a progress bar.
     */
    public long write(
            long accountId, @Nullable Long folderId, ExportFormat format, OutputStream out, LongConsumer written)
            throws IOException {
        check(accountId, folderId);
        return writeAll(accountId, folderId, format, out, written);
    }

    /** How many messages an export of these arguments writes, unless the mailbox changes meanwhile. */
    public long count(long accountId, @Nullable Long folderId) {
        check(accountId, folderId);
        if (folderId != null) {
            return mailboxes.count(accountId, folderId);
        }
        return mailboxes.folders(accountId).stream()
                .mapToLong(folder -> mailboxes.count(accountId, folder.id()))
                .sum();
    }

    private long writeAll(
            long accountId, @Nullable Long folderId, ExportFormat format, OutputStream out, LongConsumer onMessage)
            throws IOException {
        List<FolderView> all = mailboxes.folders(accountId);
        Map<Long, FolderView> byId = new HashMap<>();
        all.forEach(f -> byId.put(f.id(), f));
        List<FolderView> chosen = folderId == null
                ? all.stream()
                        .filter(f -> !Notes.FOLDER_TYPES.contains(f.type())
                                && !Contacts.FOLDER_TYPES.contains(f.type())
                                && !Tasks.FOLDER_TYPES.contains(f.type())
                                && !Calendars.FOLDER_TYPES.contains(f.type()))
                        .toList()
                : List.of(byId.get(folderId));
        if (container(folderId, format) == Container.MBOX) {
            return writeMbox(accountId, chosen.getFirst(), new MboxWriter(out), onMessage);
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        long written = 0;
        for (FolderView folder : chosen) {
            String path = path(folder, byId);
            if (format == ExportFormat.MBOX) {
                zip.putNextEntry(new ZipEntry(path + ".mbox"));
                written += writeMbox(accountId, folder, new MboxWriter(zip), onMessage);
                zip.closeEntry();
            } else {
                zip.putNextEntry(new ZipEntry(path + "/"));
                zip.closeEntry();
                written += writeEml(accountId, folder, path, zip, onMessage);
            }
        }
        zip.finish();
        return written;
    }

    private long writeMbox(long accountId, FolderView folder, MboxWriter writer, LongConsumer onMessage)
            throws IOException {
        return forEach(
                accountId,
                folder,
                onMessage,
                (message, raw) -> writer.write(
                        message.from() == null ? "" : sender(message.from()),
                        message.receivedAt(),
                        raw,
                        message.read(),
                        message.lastVerb() != LastVerb.NONE,
                        message.flag().status() == Flag.Status.ACTIVE));
    }

    private long writeEml(long accountId, FolderView folder, String path, ZipOutputStream zip, LongConsumer onMessage)
            throws IOException {
        return forEach(accountId, folder, onMessage, (message, raw) -> {
            ZipEntry entry = new ZipEntry(path + "/" + message.id() + ".eml");
            entry.setTime(message.receivedAt().toEpochMilli());
            zip.putNextEntry(entry);
            zip.write(raw);
            zip.closeEntry();
        });
    }

    private interface Writer {
        void write(MessageView message, byte[] raw) throws IOException;
    }

    /** Oldest first, a page at a time; messages deleted meanwhile are left out. */
    private long forEach(long accountId, FolderView folder, LongConsumer onMessage, Writer writer) throws IOException {
        long total = mailboxes.count(accountId, folder.id());
        long written = 0;
        for (long end = total; end > 0; end -= PAGE) {
            int offset = (int) Math.max(0, end - PAGE);
            int limit = (int) (end - offset);
            List<MessageView> page = new ArrayList<>(mailboxes.messages(accountId, folder.id(), offset, limit));
            java.util.Collections.reverse(page);
            List<MessageView> chunk = new ArrayList<>();
            long chunkBytes = 0;
            for (MessageView message : page) {
                if (!chunk.isEmpty() && chunkBytes + message.size() > CHUNK_BYTES) {
                    written += write(accountId, chunk, writer, onMessage);
                    chunk.clear();
                    chunkBytes = 0;
                }
                chunk.add(message);
                chunkBytes += message.size();
            }
            written += write(accountId, chunk, writer, onMessage);
        }
        return written;
    }

    private int write(long accountId, List<MessageView> chunk, Writer writer, LongConsumer onMessage)
            throws IOException {
        if (chunk.isEmpty()) {
            return 0;
        }
        Map<Long, byte[]> raws = mailboxes.rawMimes(
                accountId, chunk.stream().map(MessageView::id).toList());
        int written = 0;
        for (MessageView message : chunk) {
            byte[] raw = raws.get(message.id());
            if (raw != null) {
                writer.write(message, raw);
                onMessage.accept(raw.length);
                written++;
            }
        }
        return written;
    }

    private static String path(FolderView folder, Map<Long, FolderView> byId) {
        List<String> names = new ArrayList<>();
        FolderView at = folder;
        int depth = 0;
        while (at != null && depth++ < 64) {
            names.addFirst(ZipNames.encode(at.name()));
            at = at.parentId() == null ? null : byId.get(at.parentId());
        }
        return String.join("/", names);
    }

    /** The address inside a From list such as {@code Ana <ana@example.org>}. */
    private static String sender(String from) {
        int open = from.indexOf('<');
        int close = from.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? from.substring(open + 1, close) : from;
        return address.strip();
    }
}
