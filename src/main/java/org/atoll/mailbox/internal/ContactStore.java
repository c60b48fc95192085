package org.atoll.mailbox.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.atoll.contacts.AddressKind;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactPicture;
import org.atoll.contacts.PhoneKind;
import org.atoll.contacts.PostalAddress;
import org.atoll.mailbox.ContactView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code contact} table, one column per property of a {@link Contact}; callers hold the account's modseq (the
 * writer lock) before they write.
 */
@Component
public class ContactStore {

    /** The text columns and how each is read from a contact, in column order. */
    private static final Map<String, Function<Contact, @Nullable String>> TEXTS = texts();

    private static final String WRITTEN =
            String.join(", ", TEXTS.keySet()) + ", birthday, anniversary, children, categories, picture";

    private static final String COLUMNS = "id, folder_id, " + WRITTEN + ", last_modified, modseq";

    private static final RowMapper<ContactView> CONTACT = (row, n) -> new ContactView(
            row.getLong("id"),
            row.getLong("folder_id"),
            contact(row),
            row.getTimestamp("last_modified").toInstant(),
            row.getLong("modseq"));

    /** A page of the account's contacts and their count, by folder and words in the columns a search looks in. */
    private static final ItemSearch<ContactView> SEARCH =
            new ItemSearch<>("contact", COLUMNS, CONTACT, "id", searched());

    private final JdbcClient jdbc;

    ContactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ContactView insert(long accountId, long folderId, Contact contact, Instant at, long modseq) {
        List<@Nullable Object> params = new ArrayList<>(List.of(accountId, folderId));
        params.addAll(values(contact));
        params.add(Timestamp.from(at));
        params.add(modseq);
        return jdbc.sql("INSERT INTO contact (account_id, folder_id, " + WRITTEN + ", last_modified, modseq) VALUES ("
                        + String.join(", ", Collections.nCopies(params.size(), "?")) + ") RETURNING "
                        + COLUMNS)
                .params(params)
                .query(CONTACT)
                .single();
    }

    public Optional<ContactView> update(long accountId, long contactId, Contact contact, Instant at, long modseq) {
        List<@Nullable Object> params = new ArrayList<>(values(contact));
        params.add(Timestamp.from(at));
        params.add(modseq);
        params.add(accountId);
        params.add(contactId);
        String assignments = String.join(" = ?, ", WRITTEN.split(", ")) + " = ?";
        return jdbc.sql("UPDATE contact SET " + assignments + ", last_modified = ?, modseq = ?"
                        + " WHERE account_id = ? AND id = ? RETURNING " + COLUMNS)
                .params(params)
                .query(CONTACT)
                .optional();
    }

    /** Deletes the contacts among the ids, returning the ones that were there. */

    /** Puts the contact in another folder under the modseq. */
    public void move(long accountId, long contactId, long folderId, long modseq) {
        jdbc.sql("UPDATE contact SET folder_id = ?, modseq = ? WHERE account_id = ? AND id = ?")
                .params(folderId, modseq, accountId, contactId)
                .update();
    }

    public List<ContactView> delete(long accountId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("DELETE FROM contact WHERE account_id = ? AND id = ANY(?) RETURNING " + COLUMNS)
                .params(accountId, contactIds.toArray(Long[]::new))
                .query(CONTACT)
                .list();
    }

    public List<ContactView> of(long accountId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE account_id = ? AND id = ANY(?)")
                .params(accountId, contactIds.toArray(Long[]::new))
                .query(CONTACT)
                .list();
    }

    /** The contacts of a folder by descending id, after {@code afterId} (null: from the newest). */
    public List<ContactView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE account_id = ? AND folder_id = ? AND id < ?"
                        + " ORDER BY id DESC LIMIT ?")
                .params(accountId, folderId, afterId == null ? Long.MAX_VALUE : afterId, limit)
                .query(CONTACT)
                .list();
    }

    /**
     * The account's contacts by ascending id, of one folder when {@code folderId} is given, holding every word of
     * {@code query} in a name, the company, department, job title, an e-mail address or a number when it is given.
     */
    public List<ContactView> page(
            long accountId, @Nullable Long folderId, @Nullable String query, long offset, int limit) {
        return SEARCH.page(jdbc, accountId, folderId, query, offset, limit);
    }

    public long count(long accountId, @Nullable Long folderId) {
        return count(accountId, folderId, null);
    }

    /** How many contacts {@link #page} finds in all. */
    public long count(long accountId, @Nullable Long folderId, @Nullable String query) {
        return SEARCH.count(jdbc, accountId, folderId, query);
    }

    private static Map<String, Function<Contact, @Nullable String>> texts() {
        Map<String, Function<Contact, @Nullable String>> texts = new LinkedHashMap<>();
        texts.put("file_as", Contact::fileAs);
        texts.put("first_name", Contact::firstName);
        texts.put("middle_name", Contact::middleName);
        texts.put("last_name", Contact::lastName);
        texts.put("title", Contact::title);
        texts.put("suffix", Contact::suffix);
        texts.put("nick_name", Contact::nickName);
        texts.put("yomi_first_name", Contact::yomiFirstName);
        texts.put("yomi_last_name", Contact::yomiLastName);
        texts.put("company_name", Contact::companyName);
        texts.put("yomi_company_name", Contact::yomiCompanyName);
        texts.put("department", Contact::department);
        texts.put("job_title", Contact::jobTitle);
        texts.put("office_location", Contact::officeLocation);
        for (int i = 0; i < Contact.MAX_EMAILS; i++) {
            int index = i;
            texts.put("email" + (i + 1), c -> nth(c.emailAddresses(), index));
        }
        for (PhoneKind kind : PhoneKind.values()) {
            texts.put(phoneColumn(kind), c -> c.phones().get(kind));
        }
        for (AddressKind kind : AddressKind.values()) {
            String prefix = kind.name().toLowerCase(Locale.ROOT) + "_";
            texts.put(prefix + "street", c -> part(c, kind, PostalAddress::street));
            texts.put(prefix + "city", c -> part(c, kind, PostalAddress::city));
            texts.put(prefix + "state", c -> part(c, kind, PostalAddress::state));
            texts.put(prefix + "postal_code", c -> part(c, kind, PostalAddress::postalCode));
            texts.put(prefix + "country", c -> part(c, kind, PostalAddress::country));
        }
        texts.put("web_page", Contact::webPage);
        texts.put("spouse", Contact::spouse);
        texts.put("manager_name", Contact::managerName);
        texts.put("assistant_name", Contact::assistantName);
        for (int i = 0; i < Contact.MAX_IM_ADDRESSES; i++) {
            int index = i;
            texts.put("im" + (i + 1), c -> nth(c.imAddresses(), index));
        }
        texts.put("customer_id", Contact::customerId);
        texts.put("government_id", Contact::governmentId);
        texts.put("account_name", Contact::accountName);
        texts.put("body", Contact::body);
        return texts;
    }

    private static String[] searched() {
        List<String> columns = new ArrayList<>(List.of(
                "file_as",
                "first_name",
                "middle_name",
                "last_name",
                "nick_name",
                "company_name",
                "department",
                "job_title",
                "email1",
                "email2",
                "email3"));
        for (PhoneKind kind : PhoneKind.values()) {
            columns.add(phoneColumn(kind));
        }
        return columns.toArray(String[]::new);
    }

    private static String phoneColumn(PhoneKind kind) {
        return "phone_" + kind.name().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String nth(List<String> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    private static @Nullable String part(
            Contact contact, AddressKind kind, Function<PostalAddress, @Nullable String> part) {
        PostalAddress address = contact.addresses().get(kind);
        return address == null ? null : part.apply(address);
    }

    /** The values of {@link #WRITTEN}, in its order. */
    private static List<@Nullable Object> values(Contact contact) {
        List<@Nullable Object> values = new ArrayList<>();
        TEXTS.values().forEach(text -> values.add(text.apply(contact)));
        values.add(contact.birthday());
        values.add(contact.anniversary());
        values.add(contact.children().toArray(String[]::new));
        values.add(contact.categories().toArray(String[]::new));
        values.add(contact.picture() instanceof ContactPicture.Inline inline ? inline.bytes() : null);
        return values;
    }

    private static Contact contact(ResultSet row) throws SQLException {
        Contact.Builder contact = Contact.builder()
                .fileAs(row.getString("file_as"))
                .firstName(row.getString("first_name"))
                .middleName(row.getString("middle_name"))
                .lastName(row.getString("last_name"))
                .title(row.getString("title"))
                .suffix(row.getString("suffix"))
                .nickName(row.getString("nick_name"))
                .yomiFirstName(row.getString("yomi_first_name"))
                .yomiLastName(row.getString("yomi_last_name"))
                .companyName(row.getString("company_name"))
                .yomiCompanyName(row.getString("yomi_company_name"))
                .department(row.getString("department"))
                .jobTitle(row.getString("job_title"))
                .officeLocation(row.getString("office_location"))
                .emailAddresses(present(row, "email", Contact.MAX_EMAILS))
                .birthday(row.getObject("birthday", LocalDate.class))
                .anniversary(row.getObject("anniversary", LocalDate.class))
                .webPage(row.getString("web_page"))
                .spouse(row.getString("spouse"))
                .children(strings(row.getArray("children")))
                .managerName(row.getString("manager_name"))
                .assistantName(row.getString("assistant_name"))
                .imAddresses(present(row, "im", Contact.MAX_IM_ADDRESSES))
                .customerId(row.getString("customer_id"))
                .governmentId(row.getString("government_id"))
                .accountName(row.getString("account_name"))
                .categories(strings(row.getArray("categories")))
                .body(row.getString("body"));
        for (PhoneKind kind : PhoneKind.values()) {
            contact.phone(kind, row.getString(phoneColumn(kind)));
        }
        for (AddressKind kind : AddressKind.values()) {
            String prefix = kind.name().toLowerCase(Locale.ROOT) + "_";
            String street = row.getString(prefix + "street");
            String city = row.getString(prefix + "city");
            String state = row.getString(prefix + "state");
            String postalCode = row.getString(prefix + "postal_code");
            String country = row.getString(prefix + "country");
            if (street != null || city != null || state != null || postalCode != null || country != null) {
                contact.address(kind, new PostalAddress(street, city, state, postalCode, country));
            }
        }
        byte[] picture = row.getBytes("picture");
        if (picture != null) {
            contact.picture(new ContactPicture.Inline(picture));
        }
        return contact.build();
    }

    private static List<String> present(ResultSet row, String prefix, int count) throws SQLException {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String value = row.getString(prefix + i);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
