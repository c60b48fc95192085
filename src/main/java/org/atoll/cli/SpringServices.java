package org.atoll.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the command-line context ({@link CommandLineContext}) at the first service asked for, so that
 * {@code --help} and usage errors never touch the database, and stops it (with the embedded PostgreSQL, if it
 * started one) when the command is done.
 */
final class SpringServices implements Services {

    private final Map<String, String> settings;
    private @Nullable ConfigurableApplicationContext context;

    /** @param settings properties that take precedence over every other source, e.g. a test's data directory */
    SpringServices(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public <T> T get(Class<T> type) {
        return context().getBean(type);
    }

    /** The context, started now unless it runs already. */
    synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            context = CommandLineContext.start(settings);
        }
        return context;
    }

    /** Closes the context; again, or from the shutdown hook after the command closed it, does nothing. */
    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
