/** Per-device sync state: sync keys, the journal position each covers, and the replay of a lost response. */
@NullMarked
package org.atoll.sync;

import org.jspecify.annotations.NullMarked;
