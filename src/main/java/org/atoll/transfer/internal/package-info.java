/** The import sources and writers, the import ledger and the running jobs. */
@NullMarked
package org.atoll.transfer.internal;

import org.jspecify.annotations.NullMarked;
