package org.atoll.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * No text an API caller sends may hold U+0000: PostgreSQL cannot store it, so it would fail a request deep in the
 * store. A query parameter with one is refused before the controller runs, a JSON string with one while the body
 * is read; both as 400 problems, with nothing changed.
 */
@Configuration(proxyBeanMethods = false)
class ZeroBytes implements WebMvcConfigurer {

    private static final char NUL = '\0';

    @Bean
    JacksonModule textWithoutZeroBytes() {
        return new SimpleModule("text without U+0000").addDeserializer(String.class, new TextDeserializer());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        request.getParameterMap().forEach((name, values) -> {
                            if (Arrays.stream(values).anyMatch(value -> value.indexOf(NUL) >= 0)) {
                                throw new InvalidApiRequest("The parameter " + name + " holds U+0000");
                            }
                        });
                        return true;
                    }
                })
                .addPathPatterns("/api/**");
    }

    private static final class TextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf(NUL) >= 0) {
                throw context.weirdStringException(text, String.class, "text must not hold U+0000");
            }
            return text;
        }
    }
}
