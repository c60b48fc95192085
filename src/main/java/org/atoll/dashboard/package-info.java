/**
 * The web dashboard for administrators and mailbox owners: server-rendered pages on the same module services as the
 * REST API, so each action taken here is journaled, audited and reaches devices exactly like an API action.
 */
@NullMarked
package org.atoll.dashboard;

import org.jspecify.annotations.NullMarked;
