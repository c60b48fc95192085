/** First-start set-up: the administrator account and, on request, a demo user with a realistic mailbox. */
@NullMarked
package org.atoll.bootstrap;

import org.jspecify.annotations.NullMarked;
