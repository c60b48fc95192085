/** Direct Push: Ping and hanging Sync park until a change for the device commits on any node, or time runs out. */
@NullMarked
package org.atoll.push;

import org.jspecify.annotations.NullMarked;
