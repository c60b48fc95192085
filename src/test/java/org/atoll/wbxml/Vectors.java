package org.atoll.wbxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;

/** The libwbxml vectors under {@code src/test/resources/wbxml-vectors}. */
final class Vectors {

    static final String DIR = "/wbxml-vectors/";

    private Vectors() {}

    static List<String> names() {
        URL url = Vectors.class.getResource(DIR + "README.md");
        if (url == null) {
            throw new IllegalStateException("vectors missing from the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()).getParent())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".wbxml"))
                    .map(name -> name.substring(0, name.length() - ".wbxml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] wbxml(String name) {
        try (InputStream in = open(name + ".wbxml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WbxmlElement tree(String name) {
        try (InputStream in = open(name + ".xml")) {
            return VectorXml.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(name + ".xml: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = Vectors.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IllegalStateException("no vector file " + file);
        }
        return in;
    }
}
