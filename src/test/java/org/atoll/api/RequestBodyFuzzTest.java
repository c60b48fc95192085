package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of the REST request bodies: every DTO a controller reads with {@code @RequestBody},
 * deserialized by a mapper built by Spring Boot from the application's own {@code spring.jackson.*} settings. Any
 * bytes yield a value, JSON {@code null} (a missing body) or a {@link JacksonException}; the message converter turns
 * the last two into HttpMessageNotReadableException, which the API answers with 400. Nothing else may escape.
 */
class RequestBodyFuzzTest {

    private static final List<Class<?>> BODIES = List.of(
            AccountDtos.CreateAccount.class,
            AccountDtos.UpdateAccount.class,
            AccountDtos.ResetPassword.class,
            AccountDtos.CreateToken.class,
            DeviceDtos.WriteAccessRule.class,
            DeviceDtos.AccessSettingsDto.class,
            DeviceDtos.WritePolicy.class,
            MailboxDtos.CreateFolder.class,
            MailboxDtos.UpdateMessage.class,
            MailboxDtos.MoveMessage.class,
            ContactDtos.WriteContact.class,
            TaskDtos.WriteTask.class,
            NotesController.WriteNote.class);

    private static final JsonMapper MAPPER = applicationMapper();

    /** The JsonMapper Spring Boot builds for the application, with its {@code spring.jackson.*} properties. */
    private static JsonMapper applicationMapper() {
        Properties application = new Properties();
        try (InputStream in = RequestBodyFuzzTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String[] jackson = application.stringPropertyNames().stream()
                .filter(name -> name.startsWith("spring.jackson."))
                .map(name -> name + "=" + application.getProperty(name))
                .toArray(String[]::new);
        assertThat(jackson).isNotEmpty();
        JsonMapper[] mapper = new JsonMapper[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues(jackson)
                .run(context -> mapper[0] = context.getBean(JsonMapper.class));
        return mapper[0];
    }

    @FuzzTest(maxDuration = "2m")
    void readsAnyBodyOrRejectsItWithAJacksonException(FuzzedDataProvider data) {
        Class<?> type = BODIES.get(data.consumeInt(0, BODIES.size() - 1));
        byte[] json = data.consumeRemainingAsBytes();
        Object body;
        try {
            body = MAPPER.readValue(json, type);
        } catch (JacksonException rejected) {
            return;
        }
        if (body != null) {
            assertThat(body).isInstanceOf(type);
        }
    }
}
