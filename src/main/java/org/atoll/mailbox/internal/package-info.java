/** Tables of the mailbox store: entities, repositories, the modseq counter and the journal writer. */
@NullMarked
package org.atoll.mailbox.internal;

import org.jspecify.annotations.NullMarked;
