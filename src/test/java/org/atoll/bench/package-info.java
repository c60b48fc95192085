/** Benchmarks run by hand against the real store; they print figures and assert nothing about time. */
@NullMarked
package org.atoll.bench;

import org.jspecify.annotations.NullMarked;
