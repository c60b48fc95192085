/**
 * The mailbox store's API: folders, messages and notes ({@link org.atoll.mailbox.Notes}), their flags, and the
 * change journal every device syncs from. Knows no protocol.
 */
@NullMarked
package org.atoll.mailbox;

import org.jspecify.annotations.NullMarked;
