/** The ActiveSync WBXML codec (MS-ASWBXML): code pages, a document model, and a bounded decoder and encoder. */
@NullMarked
package org.atoll.wbxml;

import org.jspecify.annotations.NullMarked;
