package org.atoll.eas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a response document as WBXML straight to the connection.
 *
 * <p>A document that encodes to at most {@link #BUFFERED} bytes (nearly every one) is sent with a Content-Length;
 * a larger one, such as a Sync window of whole MIME messages, is streamed with chunked transfer coding while its
 * streamed parts are still being produced, so its size does not have to fit in memory. A failure after streaming
 * has begun can only break the connection; the device then resends its request, and the previous SyncKey is
 * answered again.
 */
final class WbxmlMessageConverter implements HttpMessageConverter<WbxmlElement> {

    static final int BUFFERED = 64 * 1024;

    private final WbxmlEncoder encoder = new WbxmlEncoder();

    @Override
    public boolean canRead(Class<?> type, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> type, @Nullable MediaType mediaType) {
        return WbxmlElement.class.isAssignableFrom(type)
                && (mediaType == null || mediaType.isWildcardType() || EasController.WBXML.includes(mediaType));
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(EasController.WBXML);
    }

    @Override
    public WbxmlElement read(Class<? extends WbxmlElement> type, HttpInputMessage message) {
        throw new HttpMessageNotReadableException("WBXML bodies are read by the ActiveSync endpoint", message);
    }

    @Override
    public void write(WbxmlElement document, @Nullable MediaType contentType, HttpOutputMessage message)
            throws IOException {
        EasRequestMetrics.answered(document);
        message.getHeaders().setContentType(EasController.WBXML);
        Spilling out = new Spilling(message);
        encoder.encode(document, out);
        out.finish();
    }

    /** Holds the first {@link #BUFFERED} bytes; past that, writes everything through to the response body. */
    private static final class Spilling extends OutputStream {
        private final HttpOutputMessage message;
        private @Nullable ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        private @Nullable OutputStream body;

        Spilling(HttpOutputMessage message) {
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (head != null && head.size() + length > BUFFERED) {
                body = message.getBody();
                head.writeTo(body);
                head = null;
            }
            if (head != null) {
                head.write(bytes, offset, length);
            } else {
                body.write(bytes, offset, length);
            }
        }

        /** The encoder flushes when it is done; what is held is sent by {@link #finish()}. */
        @Override
        public void flush() {}

        void finish() throws IOException {
            if (head != null) {
                message.getHeaders().setContentLength(head.size());
                head.writeTo(message.getBody());
            }
        }
    }
}
