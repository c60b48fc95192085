/** The Exchange ActiveSync front end: the device protocol over HTTP and its Autodiscover service. */
@NullMarked
package org.atoll.eas;

import org.jspecify.annotations.NullMarked;
