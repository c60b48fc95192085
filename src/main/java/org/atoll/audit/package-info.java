/** The audit trail: who did what to which account or device, when, and from where. */
@NullMarked
package org.atoll.audit;

import org.jspecify.annotations.NullMarked;
