package org.atoll.cli;

/** The module services a command uses, from a Spring context started only when a command needs one. */
interface Services extends AutoCloseable {

    <T> T get(Class<T> type);

    @Override
    default void close() {}
}
