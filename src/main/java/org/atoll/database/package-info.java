/** Where the store lives: the configured PostgreSQL server, or an embedded one under the data directory. */
@NullMarked
package org.atoll.database;

import org.jspecify.annotations.NullMarked;
