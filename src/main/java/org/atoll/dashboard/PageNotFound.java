package org.atoll.dashboard;

/**
 * Nothing to show at this address for the signed-in account: it does not exist, or belongs to another account.
 * Both answer the same 404, so nobody learns of other accounts' devices.
 */
final class PageNotFound extends RuntimeException {

    PageNotFound(String what) {
        super("No " + what);
    }
}
