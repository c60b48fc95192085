/** The SQL the embedded database runs on itself: creating Atoll's database in a fresh cluster. */
@NullMarked
package org.atoll.database.internal;

import org.jspecify.annotations.NullMarked;
