package org.atoll.mail;

/**
 * The automatic reply one audience gets (MS-ASCMD 2.2.3.118 OofMessage).
 *
 * @param enabled whether this audience gets a reply at all
 * @param message the reply's text, or its HTML when {@code html}
 * @param html whether the message is HTML (MS-ASCMD 2.2.3.17 BodyType HTML) rather than plain text
 */
public record OofReply(boolean enabled, String message, boolean html) {

    public static final OofReply NONE = new OofReply(false, "", false);
}
