package org.atoll.cli;

import java.util.Map;
import org.atoll.AtollApplication;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.Banner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The application's own beans, configured from the same sources as the server (application properties, environment,
 * system properties), without any of the server's work: no web server, no listeners or workers (no lifecycle bean
 * starts: LMTP, the outbound queue, LISTEN, parked requests), no first-start bootstrap, and no migration (commands
 * check that none is pending; {@code db migrate} applies them). With no {@code spring.datasource.url} it starts the
 * embedded PostgreSQL on {@code atoll.data-dir}, which refuses when a running server holds that directory. It
 * registers no shutdown hook: the command line's own ({@link Interruption.Signals}) closes it, after long work
 * stopped on Ctrl-C has stored what it had in hand.
 */
final class CommandLineContext {

    /** Less noise than the server: only warnings and errors reach standard error. */
    private static final Map<String, Object> DEFAULTS = Map.of(
            "logging.level.root", "WARN",
            "logging.level.org.springframework.context", "ERROR",
            "logging.level.org.springframework.boot.SpringApplication", "OFF",
            "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF");

    /** A command makes a few queries one after another. */
    private static final Map<String, Object> FIXED = Map.of(
            "spring.datasource.hikari.maximum-pool-size", "2",
            "spring.datasource.hikari.minimum-idle", "0");

    private CommandLineContext() {}

    /** @param settings properties above every other source, as {@code --name=value} arguments to the server */
    static ConfigurableApplicationContext start(Map<String, String> settings) {
        SpringApplication application = new SpringApplication(AtollApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(DEFAULTS);
        application.addInitializers(context -> {
            var sources = context.getEnvironment().getPropertySources();
            sources.addFirst(new MapPropertySource("atoll-cli-fixed", FIXED));
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME, new NothingStarts());
            beans.registerSingleton("commandLineMigrationStrategy", (FlywayMigrationStrategy) flyway -> {});
            context.addBeanFactoryPostProcessor(CommandLineContext::withoutRunners);
        });
        return application.run(settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
    }

    /** The first-start bootstrap (the administrator, the demo user) is the server's work. */
    private static void withoutRunners(ConfigurableListableBeanFactory beans) {
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beans;
        for (Class<?> runner : new Class<?>[] {ApplicationRunner.class, CommandLineRunner.class}) {
            for (String name : beans.getBeanNamesForType(runner, true, false)) {
                registry.removeBeanDefinition(name);
            }
        }
    }

    /** Keeps every lifecycle bean stopped: a command needs the services, not the server's listeners and workers. */
    private static final class NothingStarts implements LifecycleProcessor {

        private boolean running;

        @Override
        public void onRefresh() {
            running = true;
        }

        @Override
        public void onClose() {
            running = false;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
