/**
 * The {@code atoll} admin commands of the server's own jar (picocli): accounts, devices and the database's migration
 * status, run against the database directly through the same module services as the REST API.
 */
@NullMarked
package org.atoll.cli;

import org.jspecify.annotations.NullMarked;
