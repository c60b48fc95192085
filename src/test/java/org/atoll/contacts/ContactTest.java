package org.atoll.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactTest {

    @Test
    void emptyTextShouldBeHeldAsAbsent() {
        Contact contact =
                Contact.builder().firstName("").phone(PhoneKind.HOME, "").build();

        assertThat(contact.firstName()).isNull();
        assertThat(contact.phones()).isEmpty();
    }

    /** MS-ASWBXML inline strings end at U+0000, so no device could receive such a value. */
    @Test
    void textWithNulShouldBeRefused() {
        assertThatThrownBy(() -> Contact.builder().lastName("a\0b").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Contact.builder().categories(List.of("x\0")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fourthEmailAddressShouldBeRefused() {
        assertThatThrownBy(() -> Contact.builder()
                        .emailAddresses(List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cardHoldingNulShouldBeRefusedWithItsPosition() {
        String card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Nul\r\nN:Nu\0l;Ann;;;\r\nEND:VCARD\r\n";

        CardImport imported = ContactCards.read(card);

        assertThat(imported.accepted()).isEmpty();
        assertThat(imported.refused()).containsExactly(new CardImport.Refused(1, "text must not contain U+0000"));
    }

    @Test
    void picturesShouldBeEqualByTheirBytes() {
        assertThat(new ContactPicture.Inline(new byte[] {1, 2}))
                .isEqualTo(new ContactPicture.Inline(new byte[] {1, 2}));
        assertThat(new ContactPicture.Inline(new byte[] {1, 2}))
                .isNotEqualTo(new ContactPicture.Inline(new byte[] {2, 1}));
    }
}
