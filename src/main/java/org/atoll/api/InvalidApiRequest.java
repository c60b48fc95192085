package org.atoll.api;

/** A request parameter of the API breaks a rule; the message names it. */
final class InvalidApiRequest extends RuntimeException {

    InvalidApiRequest(String message) {
        super(message);
    }
}
