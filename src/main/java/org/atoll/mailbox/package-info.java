/**
 * The mailbox store's API: folders, messages, their flags, and the change journal every device syncs from.
 * Knows no protocol.
 */
@NullMarked
package org.atoll.mailbox;

import org.jspecify.annotations.NullMarked;
