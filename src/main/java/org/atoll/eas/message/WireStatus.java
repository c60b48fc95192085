package org.atoll.eas.message;

/** A Status value of one command, with its code on the wire (MS-ASCMD 2.2.3.177). */
public interface WireStatus {

    int code();
}
