/** Autodiscover (MS-ASCMD 2.2.1.1): tells a device with only an address and a password where to sync. */
@NullMarked
package org.atoll.eas.autodiscover;

import org.jspecify.annotations.NullMarked;
