/** Persistence of accounts; no other module reaches in here. */
@NullMarked
package org.atoll.account.internal;

import org.jspecify.annotations.NullMarked;
