/** A deterministic, invented demo mailbox for trying Atoll on a phone without any real mail. */
@org.jspecify.annotations.NullMarked
package org.atoll.demo;
