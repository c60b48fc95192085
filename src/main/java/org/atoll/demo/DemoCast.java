package org.atoll.demo;

import java.time.ZoneOffset;
import java.util.List;

/** The invented people, services and texts of the demo mailbox. Any likeness to real people is unintended. */
final class DemoCast {

    enum Language {
        EN,
        DE,
        FR,
        JA,
        SV
    }

    record Person(String name, String address, ZoneOffset zone, Language language) {

        String firstName() {
            int space = name.indexOf(' ');
            return language == Language.JA || space < 0 ? name : name.substring(0, space);
        }
    }

    /** A message text; {@code {to}} and {@code {from}} stand for the first names of recipient and sender. */
    record Topic(String subject, String body) {}

    static final List<Person> PEOPLE = List.of(
            person("Lena Brückner", "lena.brueckner@example.org", 1, Language.DE),
            person("Théo Marchand", "theo.marchand@example.net", 1, Language.FR),
            person("佐藤 花子", "hanako.sato@example.test", 9, Language.JA),
            person("Priya Raman", "priya.raman@example.org", 0, Language.EN),
            person("Oskar Lindqvist", "oskar.lindqvist@example.net", 1, Language.SV),
            person("Amara Nwosu", "amara.nwosu@example.test", 0, Language.EN),
            person("Tomás Ferreira", "tomas.ferreira@example.net", 0, Language.EN),
            person("Ingrid Solberg", "ingrid.solberg@example.org", 1, Language.EN),
            person("Rafael Ortega", "rafael.ortega@example.test", -5, Language.EN),
            person("Mei Chen", "mei.chen@example.org", 8, Language.EN),
            person("Jonas Haberkorn", "jonas.haberkorn@example.net", 1, Language.DE),
            person("Zoë Castellane", "zoe.castellane@example.test", -8, Language.EN),
            person("Kofi Mensah", "kofi.mensah@example.org", 0, Language.EN),
            person("Ana Lucía Vidal", "ana.vidal@example.net", -3, Language.EN),
            person("Henrik Dahl", "henrik.dahl@example.test", 1, Language.EN),
            person("Sofia Greco", "sofia.greco@example.org", 1, Language.EN),
            person("Élodie Fontaine", "elodie.fontaine@example.net", 1, Language.FR),
            person("Björn Åkesson", "bjorn.akesson@example.test", 1, Language.SV));

    static final Person CI = person("Atlas CI", "ci@example.net", 0, Language.EN);
    static final Person NEWSLETTER = person("The Harbor Gazette", "newsletter@example.org", 0, Language.EN);
    static final Person HELPDESK = person("IT Helpdesk", "helpdesk@example.org", 1, Language.EN);
    static final Person CALENDAR = person("Room Booking", "rooms@example.test", 1, Language.EN);
    static final Person TRAVEL = person("Travel Desk", "travel@example.net", 1, Language.EN);
    static final Person FACILITIES = person("Facilities Team", "facilities@example.org", 1, Language.EN);
    static final Person PAYROLL = person("Payroll, Finance & HR", "payroll@example.org", 1, Language.EN);
    static final List<Person> JUNK_SENDERS = List.of(
            person("Prize Center", "winner@example.test", 0, Language.EN),
            person("Mailbox Security", "quota-alert@example.net", 0, Language.EN),
            person("Dr. Miracle Supplements", "offers@example.test", 0, Language.EN));

    static final List<Topic> WORK = List.of(
            topic("Slides for Thursday", """
                    Hi {to},

                    I put the slides for Thursday in the shared folder. Could you take a look at
                    the timeline on page 4? I am not sure the dates still hold after last week.

                    Thanks,
                    {from}"""),
            topic("Quick question about the invoice", """
                    Hi {to},

                    the invoice from the print shop lists 400 flyers, but we ordered 250.
                    Do you know whether someone changed the order?

                    Best,
                    {from}"""),
            topic("Lunch on Friday? 🍜", """
                    Hey {to},

                    a few of us are trying the new noodle place on Friday at 12:30.
                    Want to join? No need to answer if you can't make it.

                    {from}"""),
            topic("Notes from the customer call", """
                    Hi {to},

                    short summary of today's call:
                    - they like the new onboarding flow
                    - export to CSV is their top request
                    - next call in two weeks

                    I'll write the tickets tomorrow.
                    {from}"""),
            topic("Can you review my pull request?", """
                    Hi {to},

                    when you have ten minutes: the change only touches the retry logic of the
                    importer. Tests are green. Happy to walk you through it.

                    Cheers,
                    {from}"""),
            topic("Out of office next week", """
                    Hi {to},

                    just a heads-up that I am out from Monday to Wednesday next week.
                    Kofi is covering for me on anything urgent.

                    {from}"""),
            topic("Updated onboarding checklist", """
                    Hi {to},

                    I updated the onboarding checklist with the new laptop setup steps and
                    the link to the handbook. Let me know if anything is missing.

                    Regards,
                    {from}"""),
            topic("Budget planning ✅ done", """
                    Hi {to},

                    good news: the budget sheet is complete and approved. Thanks for chasing
                    the last two numbers!

                    {from}"""),
            topic("Room for the workshop", """
                    Hi {to},

                    the big room is taken on the 14th. Would the 15th work for the workshop
                    instead? Same time, 10:00 to 13:00.

                    {from}"""),
            topic("Feedback on the draft", """
                    Hi {to},

                    I read the draft on the train. The structure works well. Two small
                    things: the intro could be shorter, and the table on page 3 needs units.

                    Nice work,
                    {from}"""),
            topic("Coffee machine on 3rd floor ☕", """
                    Hi {to},

                    the coffee machine on the third floor is back and it makes foam again.
                    Important news, I know.

                    {from}"""),
            topic("Parking spaces next month", """
                    Hi {to},

                    the garage is being repainted next month, so we lose ten parking
                    spaces for two weeks. If you can, come by bike or train.

                    {from}"""),
            topic("Interview panel on Wednesday", """
                    Hi {to},

                    could you join the interview panel on Wednesday at 15:00? The
                    candidate applied for the support lead role. I'll send the CV later.

                    Thanks,
                    {from}"""),
            topic("Photos from the summer party 📸", """
                    Hi {to},

                    the photos from the summer party are in the shared album. There is a
                    great one of the tug-of-war final.

                    {from}"""),
            topic("Contract renewal reminder", """
                    Hi {to},

                    the support contract with the hosting provider ends on the 30th. Do we
                    renew for one year or three? The three-year price is 15% lower.

                    {from}"""),
            topic("Book recommendation", """
                    Hi {to},

                    you asked for a book about writing: try the one with the lighthouse on
                    the cover that sits on my desk. Borrow it whenever you like.

                    {from}"""),
            topic("Welcome aboard!", """
                    Hi {to},

                    welcome to the team! Your first week is mostly meeting people. I put a
                    few 20-minute slots in your calendar. Ask me anything, any time.

                    {from}"""));

    static final List<Topic> GERMAN = List.of(
            topic("Grüße aus dem Büro – Übergabe der Schlüssel", """
                    Hallo {to},

                    die Schlüssel für das Lager liegen ab Montag an der Pforte. Bitte gib
                    Bescheid, wenn du sie abholst, damit ich die Übergabe eintragen kann.

                    Viele Grüße
                    {from}"""),
            topic("Straße gesperrt – Anfahrt zum Lager", """
                    Hallo {to},

                    die Hauptstraße ist bis Freitag gesperrt. Die Umleitung führt über die
                    Brückenstraße; plant bitte 15 Minuten mehr ein.

                    Schöne Grüße
                    {from}"""),
            topic("Kurze Frage zur Präsentation", """
                    Hallo {to},

                    kannst du mir die Präsentation von gestern schicken? Ich möchte die
                    Übersicht auf Folie 3 für den Bericht übernehmen.

                    Danke und Grüße
                    {from}"""));

    static final List<Topic> FRENCH =
            List.of(topic("Réunion de lundi : ordre du jour", """
                    Bonjour {to},

                    voici l'ordre du jour pour lundi :
                    1. bilan du trimestre
                    2. prochaines étapes du projet
                    3. questions diverses

                    À lundi,
                    {from}"""), topic("Café après la réunion ?", """
                    Salut {to},

                    on prend un café après la réunion ? Il y a une nouvelle pâtisserie à
                    côté, leurs éclairs sont très bons.

                    {from}"""));

    static final List<Topic> JAPANESE = List.of(topic("会議の議事録（3月）", """
                    {to}さん

                    お疲れ様です。3月の定例会議の議事録を共有します。
                    次回は来週の水曜日、10時からです。

                    よろしくお願いします。
                    {from}"""), topic("資料の確認をお願いします", """
                    {to}さん

                    新しいカタログの資料を添付しました。
                    金曜日までにご確認いただけると助かります。

                    {from}"""));

    static final List<Topic> SWEDISH = List.of(topic("Fika på fredag?", """
            Hej {to}!

            Vi har fika i köket på fredag klockan tre. Björn bakar kanelbullar.

            Hälsningar,
            {from}"""));

    static final List<Topic> PROJECTS = List.of(
            topic("Harbor redesign: wireframes v2", """
                    Hi {to},

                    version 2 of the wireframes is ready. The navigation moved to the left
                    and the search is always visible. Comments welcome until Wednesday.

                    {from}"""),
            topic("Lighthouse initiative: kickoff notes", """
                    Hi {to},

                    thanks for joining the kickoff. Goals for the first month:
                    - interview six customers
                    - map the current support process
                    - agree on one metric we want to move

                    {from}"""),
            topic("Harbor redesign: usability test results", """
                    Hi {to},

                    five of six testers found the settings page on the first try. The sixth
                    looked for it under the profile picture, which might be worth a thought.

                    {from}"""),
            topic("Lighthouse: survey draft", """
                    Hi {to},

                    the survey draft has twelve questions. I'd like to cut it to eight.
                    Which ones would you drop?

                    {from}"""));

    static final List<Topic> ATLAS = List.of(
            topic("Atlas: sprint review notes", """
                    Hi {to},

                    sprint review summary: sync engine refactoring merged, folder rename
                    edge case fixed, push notifications postponed to the next sprint.

                    {from}"""),
            topic("Atlas: staging deploy window", """
                    Hi {to},

                    staging gets the new build tonight between 20:00 and 21:00. Expect a
                    short downtime of the test devices.

                    {from}"""),
            topic("Atlas: load test plan", """
                    Hi {to},

                    for the load test I suggest 2,000 simulated devices, a ping every
                    9 minutes and one new message per device every 5 minutes.

                    {from}"""),
            topic("Atlas: retro action items", """
                    Hi {to},

                    action items from the retro:
                    - smaller pull requests
                    - a shared glossary for protocol terms
                    - demo every second Friday

                    {from}"""));

    static final List<Topic> SENT = List.of(
            topic("Thanks for today", """
                    Hi {to},

                    thanks for the time today, that helped a lot. I'll send the summary
                    around tomorrow morning.

                    {from}"""),
            topic("Agenda for our 1:1", """
                    Hi {to},

                    for our 1:1 I'd like to talk about the roadmap and the hiring plan.
                    Anything you want to add?

                    {from}"""),
            topic("Re-sending the document", """
                    Hi {to},

                    the link in my last mail was broken, here it is again. Sorry about that!

                    {from}"""),
            topic("Vielen Dank für die Hilfe!", """
                    Hallo {to},

                    vielen Dank für deine Hilfe beim Umzug der Daten. Ohne dich hätte das
                    deutlich länger gedauert.

                    Grüße
                    {from}"""),
            topic("Merci pour les documents", """
                    Bonjour {to},

                    merci pour les documents, tout est bien arrivé. Je reviens vers toi
                    d'ici vendredi.

                    {from}"""));

    static final List<Topic> DRAFTS = List.of(
            topic("Ideas for the team offsite", """
                    - morning hike?
                    - cooking class
                    - a session on what we want to stop doing
                    """),
            topic("Reply to the vendor", """
                    Hi,

                    thank you for the offer. Before we decide we would need
                    """),
            topic("Notes: performance review", """
                    Strengths: calm under pressure, writes clear tickets.
                    Grow: delegate more, speak up earlier in planning.
                    """));

    static final List<Topic> NEWSLETTERS = List.of(
            topic("The Harbor Gazette: spring edition 🌸", """
                    This month in the Gazette:
                    - the new bike racks are here
                    - meet the people behind the help desk
                    - recipe corner: lemon cake without an oven"""),
            topic("The Harbor Gazette: summer edition ☀️", """
                    This month in the Gazette:
                    - summer hours start in June
                    - photo contest winners
                    - how the rooftop garden is doing"""),
            topic("The Harbor Gazette: volunteering day recap", """
                    Thank you to everyone who joined the volunteering day! We planted
                    120 trees and painted two classrooms."""));

    static final List<Topic> HELPDESK_TOPICS = List.of(
            topic("Ticket #4711 resolved: printer on 2nd floor", """
                    Hello {to},

                    your ticket #4711 has been resolved. The printer on the second floor
                    had a paper jam in tray 2. Reply to this mail to reopen the ticket.

                    IT Helpdesk"""),
            topic("Planned maintenance on Saturday", """
                    Hello {to},

                    on Saturday from 08:00 to 12:00 the file server will be unavailable
                    because of planned maintenance. Mail and phones are not affected.

                    IT Helpdesk"""),
            topic("Your new laptop is ready for pickup", """
                    Hello {to},

                    your new laptop is ready. Please pick it up at the help desk and bring
                    the old one with you.

                    IT Helpdesk"""));

    static final List<Topic> FACILITIES_TOPICS =
            List.of(topic("Fire drill on Tuesday at 10:00", """
                    Dear all,

                    there will be a fire drill on Tuesday at 10:00. Please leave the
                    building by the nearest exit and meet at the parking lot.

                    Facilities Team"""), topic("Kitchen cleaning schedule", """
                    Dear all,

                    the fridge will be emptied on Friday at 16:00. Please label your food.

                    Facilities Team"""));

    static final List<Topic> JUNK = List.of(
            topic("Congratulations!!! You have won a lifetime supply of paperclips", """
                    Dear lucky winner, claim your prize now by sending your bank details."""),
            topic("URGENT: your mailbox quota is 99% full", """
                    Your mailbox will be deleted in 24 hours. Click here to verify your password."""),
            topic("Lose 10 kg in 3 days – doctors hate this trick", """
                    Order today and get a second bottle free. Not sold in stores."""));

    private DemoCast() {}

    private static Person person(String name, String address, int offsetHours, Language language) {
        return new Person(name, address, ZoneOffset.ofHours(offsetHours), language);
    }

    private static Topic topic(String subject, String body) {
        return new Topic(subject, body.strip());
    }

    static List<Topic> nativeTopics(Language language) {
        return switch (language) {
            case DE -> GERMAN;
            case FR -> FRENCH;
            case JA -> JAPANESE;
            case SV -> SWEDISH;
            case EN -> WORK;
        };
    }
}
