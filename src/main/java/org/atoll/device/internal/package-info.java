/** The device module's SQL: the device, policy, access-rule and request-log tables; no other module reaches in here. */
@NullMarked
package org.atoll.device.internal;

import org.jspecify.annotations.NullMarked;
