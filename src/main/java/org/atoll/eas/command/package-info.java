/** One class per ActiveSync command: from the decoded request element to the response element. */
@NullMarked
package org.atoll.eas.command;

import org.jspecify.annotations.NullMarked;
