package org.atoll.mail;

import java.time.Instant;
import org.atoll.mail.internal.SentClientIds;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets the ClientIds of sent messages (MS-ASCMD 2.2.3.28) once they are older than any retry: a SendMail
 * resent after that would be sent again.
 */
@Service
public class SentClientIdHousekeeping {

    private final SentClientIds clientIds;

    SentClientIdHousekeeping(SentClientIds clientIds) {
        this.clientIds = clientIds;
    }

    /** @return how many ClientIds were forgotten, at most {@code limit} */
    @Transactional
    public long forgetBefore(Instant cutoff, int limit) {
        return clientIds.forgetBefore(cutoff, limit);
    }
}
