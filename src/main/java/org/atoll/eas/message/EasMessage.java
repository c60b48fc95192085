package org.atoll.eas.message;

import org.atoll.wbxml.WbxmlElement;

/**
 * One command's two documents: the request read into {@code Q}, the response {@code R} written back, and the
 * response that carries only a Status.
 */
public interface EasMessage<Q, R> {

    /** The request, or {@link MalformedRequest} with the Status a document that is not one gets. */
    Q read(WbxmlElement document) throws MalformedRequest;

    WbxmlElement write(R response);

    /** The response carrying only {@code status}, for a request refused before or while it was read. */
    WbxmlElement refused(int status);
}
