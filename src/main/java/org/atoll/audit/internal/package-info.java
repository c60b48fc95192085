/** The {@code audit_entry} table: the SQL that writes, pages and removes audit entries. */
@NullMarked
package org.atoll.audit.internal;

import org.jspecify.annotations.NullMarked;
