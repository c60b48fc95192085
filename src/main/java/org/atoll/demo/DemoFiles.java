package org.atoll.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Small attachment files generated in code, so the repository holds no binaries. */
final class DemoFiles {

    private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private DemoFiles() {}

    /** A one-page PDF 1.4 with a title and some lines of text; valid cross-reference table. */
    static byte[] pdf(String title, List<String> lines) {
        StringBuilder content = new StringBuilder("BT /F1 18 Tf 72 760 Td (")
                .append(pdfText(title))
                .append(") Tj ET\n");
        int y = 730;
        for (String line : lines) {
            content.append("BT /F1 11 Tf 72 ")
                    .append(y)
                    .append(" Td (")
                    .append(pdfText(line))
                    .append(") Tj ET\n");
            y -= 16;
        }
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An RGB PNG with a soft gradient and a little noise, so no two look alike. */
    static byte[] png(int width, int height, Random random) {
        int baseRed = 40 + random.nextInt(160);
        int baseGreen = 40 + random.nextInt(160);
        int baseBlue = 40 + random.nextInt(160);
        byte[] pixels = new byte[height * (1 + width * 3)];
        int i = 0;
        for (int y = 0; y < height; y++) {
            pixels[i++] = 0;
            for (int x = 0; x < width; x++) {
                pixels[i++] = (byte) Math.min(255, baseRed + x * 2 + random.nextInt(6));
                pixels[i++] = (byte) Math.min(255, baseGreen + y * 2 + random.nextInt(6));
                pixels[i++] = (byte) Math.min(255, baseBlue + (x + y) + random.nextInt(6));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeInt(header, width);
        writeInt(header, height);
        header.writeBytes(new byte[] {8, 2, 0, 0, 0});
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", deflate(pixels));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** A UTF-8 CSV of invented regional figures. */
    static byte[] csv(Random random) {
        String[] cities = {"München", "Zürich", "Lyon", "São Paulo", "Göteborg", "Kraków", "Osaka", "Québec"};
        StringBuilder csv = new StringBuilder("week,city,orders,revenue_eur\r\n");
        for (int week = 1; week <= 13; week++) {
            for (int c = 0; c < 4; c++) {
                int orders = 20 + random.nextInt(180);
                csv.append(week)
                        .append(',')
                        .append(cities[(week + c) % cities.length])
                        .append(',')
                        .append(orders)
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.2f", orders * (18 + random.nextDouble() * 40)))
                        .append("\r\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An iCalendar (RFC 5545) meeting request. */
    static byte[] ics(String uid, String summary, ZonedDateTime start, int minutes, String organizer, String attendee) {
        String text = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Atoll//Demo Corpus//EN",
                "METHOD:REQUEST",
                "BEGIN:VEVENT",
                "UID:" + uid,
                "DTSTAMP:" + ICS_TIME.format(start.minusDays(3).withZoneSameInstant(ZoneOffset.UTC)),
                "DTSTART:" + ICS_TIME.format(start.withZoneSameInstant(ZoneOffset.UTC)),
                "DTEND:" + ICS_TIME.format(start.plusMinutes(minutes).withZoneSameInstant(ZoneOffset.UTC)),
                "SUMMARY:" + summary,
                "LOCATION:Room Lagoon (2nd floor)",
                "ORGANIZER:mailto:" + organizer,
                "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:" + attendee,
                "END:VEVENT",
                "END:VCALENDAR",
                "");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String pdfText(String text) {
        return text.replace("\\", "\\\\")
                .replace("(", "\\(")
                .replace(")", "\\)")
                .replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(png, data.length);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
