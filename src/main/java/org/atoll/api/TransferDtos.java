package org.atoll.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.atoll.transfer.ImapSecurity;
import org.atoll.transfer.ImportProgress;
import org.atoll.transfer.ImportState;
import org.jspecify.annotations.Nullable;

/** What the import resources read and write. */
final class TransferDtos {

    private TransferDtos() {}

    /**
     * An import from an IMAP server.
     *
     * @param password used only while the import runs; never stored, logged nor answered
     * @param folders full IMAP names of the folders to import; absent or empty for all
     */
    record StartImapImport(
            @NotNull @Size(min = 1, max = 255) String host,
            @NotNull @Min(1) @Max(65535) Integer port,
            @NotNull ImapSecurity security,
            @NotNull @Size(min = 1, max = 320) String username,
            @NotNull @Size(min = 1, max = 1024) String password,
            @Nullable @Size(max = 1000) List<@NotNull @Size(min = 1, max = 1000) String> folders) {

        @Override
        public String toString() {
            return "StartImapImport[" + username + " at " + host + ":" + port + "]";
        }
    }

    /** @param etaSeconds the expected time left, null while unknown or once finished */
    record ImportDto(
            long id,
            long accountId,
            String source,
            ImportState state,
            int foldersDone,
            int foldersTotal,
            long messagesDone,
            long messagesTotal,
            long messagesStored,
            long messagesSkipped,
            long messagesFailed,
            long messagesMalformed,
            long bytesDone,
            double messagesPerSecond,
            @Nullable Long etaSeconds,
            List<String> errors,
            Instant startedAt,
            @Nullable Instant finishedAt) {

        static ImportDto of(ImportProgress p) {
            return new ImportDto(
                    p.jobId(),
                    p.accountId(),
                    p.source(),
                    p.state(),
                    p.foldersDone(),
                    p.foldersTotal(),
                    p.messagesDone(),
                    p.messagesTotal(),
                    p.messagesStored(),
                    p.messagesSkipped(),
                    p.messagesFailed(),
                    p.messagesMalformed(),
                    p.bytesDone(),
                    p.messagesPerSecond(),
                    p.eta() == null ? null : p.eta().toSeconds(),
                    p.errors(),
                    p.startedAt(),
                    p.finishedAt());
        }
    }
}
