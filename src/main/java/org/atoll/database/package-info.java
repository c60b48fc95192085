/**
 * Where the store lives: the configured PostgreSQL server, or an embedded one under the data directory; and how much
 * work reaches it at once ({@link org.atoll.database.DatabaseAdmission}); plain JDBC transactions for work without JPA
 * ({@link org.atoll.database.PlainTransactions}); and the HTTP 503 with Retry-After that a request refused or failed
 * for want of either is answered with ({@link org.atoll.database.ServiceUnavailable}).
 */
@NullMarked
package org.atoll.database;

import org.jspecify.annotations.NullMarked;
