/** Who may call what: one security filter chain per front end. */
@NullMarked
package org.atoll.security;

import org.jspecify.annotations.NullMarked;
