package org.atoll.eas;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Receives ActiveSync request bodies whole before the command waits for its database slot ({@link EasAdmission}),
 * so that a slow upload holds no slot, and so that a large one does not hold the heap: a body of up to
 * {@link EasProperties#inMemoryBodyBytes()} is read into memory; a larger one, or one of unknown length that grows
 * past it, is first written to a temporary file (deleted when the request ends), and at most
 * {@link EasProperties#maxLargeBodies()} such bodies are received and handled at once. Past that, HTTP 503 with
 * Retry-After (MS-ASHTTP 3.2.5.1). It runs after authentication, so only a signed-in account's body is read.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class RequestBodies extends OncePerRequestFilter {

    private static final String PATH = "/Microsoft-Server-ActiveSync";

    private final EasProperties properties;
    private final Semaphore large;

    RequestBodies(EasProperties properties) {
        this.properties = properties;
        this.large = new Semaphore(properties.maxLargeBodies());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        int inMemory = (int) Math.min(properties.inMemoryBodyBytes(), Integer.MAX_VALUE - 8);
        if (declared > properties.maxRequestBytes()) {
            chain.doFilter(request, response);
            return;
        }
        if (declared >= 0 && declared <= inMemory) {
            byte[] body = request.getInputStream().readNBytes((int) declared);
            chain.doFilter(new Received(request, new ByteArrayInputStream(body), body.length), response);
            return;
        }
        byte[] head = new byte[0];
        if (declared < 0) {
            head = request.getInputStream().readNBytes(inMemory + 1);
            if (head.length <= inMemory) {
                chain.doFilter(new Received(request, new ByteArrayInputStream(head), head.length), response);
                return;
            }
        }
        if (!large.tryAcquire()) {
            EasController.serviceUnavailable(
                            "Too many large requests at once; retry later", EasController.RETRY_AFTER_SECONDS)
                    .writeTo(response);
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("atoll-body-", ".bin");
            long size = spool(head, request.getInputStream(), file);
            if (size > properties.maxRequestBytes()) {
                refuse(
                        response,
                        HttpStatus.CONTENT_TOO_LARGE,
                        "The request body exceeds " + properties.maxRequestBytes() + " bytes");
                return;
            }
            try (InputStream spooled = Files.newInputStream(file)) {
                chain.doFilter(new Received(request, spooled, size), response);
            }
        } finally {
            large.release();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Writes the head and the rest of the body to the file, stopping once it is past the largest accepted. */
    private long spool(byte[] head, InputStream rest, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            long size = head.length;
            byte[] buffer = new byte[8192];
            int read;
            while (size <= properties.maxRequestBytes() && (read = rest.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                size += read;
            }
            return size;
        }
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body read from what was received. */
    private static final class Received extends HttpServletRequestWrapper {
        private final ServletInputStream body;
        private final long size;

        Received(HttpServletRequest request, InputStream body, long size) {
            super(request);
            this.size = size;
            this.body = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return body.read();
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    return body.read(bytes, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was already received");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public long getContentLengthLong() {
            return size;
        }

        @Override
        public int getContentLength() {
            return (int) Math.min(size, Integer.MAX_VALUE);
        }
    }
}
