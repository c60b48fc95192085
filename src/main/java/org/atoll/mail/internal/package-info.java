/** The mail module's tables: ClientIds already sent and the outbound queue, read and written with bound SQL. */
@NullMarked
package org.atoll.mail.internal;

import org.jspecify.annotations.NullMarked;
