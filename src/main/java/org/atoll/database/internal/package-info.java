/** The SQL the database module runs itself: creating Atoll's database in a fresh cluster, reading the connections' URL. */
@NullMarked
package org.atoll.database.internal;

import org.jspecify.annotations.NullMarked;
