package org.atoll.eas.request;

import java.util.EnumSet;
import java.util.Set;

/**
 * The flags of the base64 Options parameter (MS-ASHTTP 2.2.1.1.1.1.3). A plain query says the same with
 * {@code SaveInSent=T} (MS-ASHTTP 2.2.1.1.1.2.5) and the {@code MS-ASAcceptMultiPart: T} header (MS-ASHTTP
 * 2.2.1.1.2.5).
 */
public enum EasOption {
    /** Save the sent message in Sent Items; SendMail, SmartForward, SmartReply. */
    SAVE_IN_SENT(0x01),
    /** Answer in multipart form; ItemOperations. */
    ACCEPT_MULTI_PART(0x02);

    private final int bit;

    EasOption(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The flags set in an Options byte; bits without a meaning are ignored. */
    public static Set<EasOption> fromBits(int bits) {
        Set<EasOption> options = EnumSet.noneOf(EasOption.class);
        for (EasOption option : values()) {
            if ((bits & option.bit) != 0) {
                options.add(option);
            }
        }
        return options;
    }
}
