package org.atoll.demo;

import java.util.List;

/** The demo user's notes (MS-ASNOTE): a handful of the sticky notes people keep, some with categories. */
public final class DemoNotes {

    /** A note as the demo writes it: subject, plain-text body and categories. */
    public record DemoNote(String subject, String body, List<String> categories) {}

    private DemoNotes() {}

    public static List<DemoNote> notes() {
        return List.of(
                new DemoNote(
                        "Groceries",
                        "Oat milk\nEggs (12)\nSourdough\nLemons\nCoffee beans, the Ethiopian ones",
                        List.of("Home")),
                new DemoNote(
                        "Wi-Fi at the cabin",
                        "Network: Fjellstua\nThe password is on the fridge, not here.\nRouter restarts itself at 04:00.",
                        List.of("Travel")),
                new DemoNote(
                        "Quarterly review talking points",
                        "1. Sync latency down by a third\n2. Two new customers in Bergen\n3. Hiring: one backend engineer",
                        List.of("Work")),
                new DemoNote(
                        "Books to read",
                        "The Dispossessed\nA Memory Called Empire\nThe Overstory\nKlara and the Sun",
                        List.of()),
                new DemoNote(
                        "Parking",
                        "Level -2, spot 47, near the blue lift. Ticket in the glovebox.",
                        List.of("Travel", "Home")));
    }
}
