package org.atoll.dashboard;

import java.util.Map;
import org.springframework.ui.Model;

/**
 * A page that says what a change of settings will do and asks once more before it runs: the form posts the same
 * fields again with {@code confirmed=true}.
 *
 * @param details what the change is about, shown as a list of names and values, in order
 * @param fields the form's fields, sent again as hidden inputs
 */
record Confirmation(
        String heading,
        String consequence,
        Map<String, String> details,
        String action,
        Map<String, String> fields,
        String button,
        boolean dangerous,
        String back,
        String backLabel) {

    static final String VIEW = "confirm-change";

    String show(Model model) {
        model.addAttribute("change", this);
        return VIEW;
    }
}
