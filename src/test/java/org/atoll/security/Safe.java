package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.atoll.security.Attack.Expect;
import org.atoll.wbxml.WbxmlElement;

/** The safe outcomes attacks expect, to compose with {@link Expect#and}. */
final class Safe {

    private Safe() {}

    /** One of these HTTP statuses. */
    static Expect status(Integer... statuses) {
        return (outcome, arena) ->
                assertThat(outcome.status()).as("HTTP status of %s", outcome).isIn(Arrays.asList(statuses));
    }

    /** Any refusal: a 4xx. */
    static Expect refused() {
        return (outcome, arena) ->
                assertThat(outcome.status()).as("a refusal: %s", outcome).isBetween(400, 499);
    }

    /** An RFC 9457 problem with one of these statuses. */
    static Expect problem(Integer... statuses) {
        return status(statuses)
                .and((outcome, arena) -> assertThat(outcome.header("Content-Type"))
                        .as("a problem: %s", outcome)
                        .startsWith("application/problem+json"));
    }

    /** HTTP 200 with WBXML whose element at the path (under the root) has this text, e.g. a command's Status. */
    static Expect wbxml(String expected, String... path) {
        return (outcome, arena) -> {
            assertThat(outcome.status()).as("HTTP status of %s", outcome).isEqualTo(200);
            WbxmlElement element = outcome.wbxml();
            for (String name : Arrays.copyOf(path, path.length - 1)) {
                element = element.child(name).orElseThrow(() -> new AssertionError("no " + name + " in " + outcome));
            }
            assertThat(element.text(path[path.length - 1]))
                    .as("%s of %s", String.join("/", path), outcome)
                    .hasValue(expected);
        };
    }

    /** The body does not contain this text. */
    static Expect lacks(String text) {
        return (outcome, arena) -> assertThat(outcome.text()).as("the answer").doesNotContain(text);
    }

    /** The body does not contain the text the arena holds, e.g. a folder name of the attacker's. */
    static Expect lacks(java.util.function.Function<Arena, String> text) {
        return (outcome, arena) -> lacks(text.apply(arena)).verify(outcome, arena);
    }

    /** The last LMTP reply has this code. */
    static Expect lmtp(int code) {
        return (outcome, arena) -> assertThat(outcome.status())
                .as("last LMTP reply of %s", outcome.replies())
                .isEqualTo(code);
    }
}
