/**
 * Where the store lives: the configured PostgreSQL server, or an embedded one under the data directory; and how much
 * work reaches it at once ({@link org.atoll.database.DatabaseAdmission}); plain JDBC transactions for work without JPA
 * ({@link org.atoll.database.PlainTransactions}).
 */
@NullMarked
package org.atoll.database;

import org.jspecify.annotations.NullMarked;
