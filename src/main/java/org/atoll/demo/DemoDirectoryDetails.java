package org.atoll.demo;

/**
 * What the directory shows of the demo user besides name and address, so that a phone's GAL search finds a full
 * entry: invented like the rest of the demo, with phone numbers from the range kept for fiction (555-0100 to 0199).
 */
public record DemoDirectoryDetails(
        String firstName,
        String lastName,
        String company,
        String title,
        String office,
        String phone,
        String mobilePhone) {

    /** The demo user's entry. */
    public static final DemoDirectoryDetails DEMO_USER = new DemoDirectoryDetails(
            "Demo",
            "User",
            "Harbor Works Ltd.",
            "Project coordinator, Atlas",
            "Pier House, 3rd floor, room 312",
            "+1 555 0142",
            "+1 555 0187");
}
