/** The waiter registry, the device's cached Ping, and the PostgreSQL LISTEN/NOTIFY link between nodes. */
@NullMarked
package org.atoll.push.internal;

import org.jspecify.annotations.NullMarked;
