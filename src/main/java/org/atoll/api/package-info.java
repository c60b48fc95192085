/** The REST API under {@code /api/v1}, mirroring {@code openapi/openapi.yaml}: controllers, DTO records, problems. */
@NullMarked
package org.atoll.api;

import org.jspecify.annotations.NullMarked;
