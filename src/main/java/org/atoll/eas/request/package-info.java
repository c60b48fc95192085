/**
 * The ActiveSync request line (MS-ASHTTP 2.2.1.1): one {@link org.atoll.eas.request.EasRequest} from a plain or base64
 * query and its headers, parsed once.
 */
@NullMarked
package org.atoll.eas.request;

import org.jspecify.annotations.NullMarked;
