/** Accounts: who may sign in, with which password and role. */
@NullMarked
package org.atoll.account;

import org.jspecify.annotations.NullMarked;
