package org.atoll.eas;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Counts the body bytes a request's handlers read and write, for the device's request log. */
final class ByteCounts {

    private ByteCounts() {}

    /** A request whose body stream counts the bytes read from it. */
    static final class Request extends HttpServletRequestWrapper {

        private final AtomicLong read = new AtomicLong();
        private @Nullable ServletInputStream counting;

        Request(HttpServletRequest request) {
            super(request);
        }

        long bytesRead() {
            return read.get();
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (counting == null) {
                counting = new CountingInput(super.getInputStream(), read);
            }
            return counting;
        }
    }

    /** A response whose body stream counts the bytes written to it. */
    static final class Response extends HttpServletResponseWrapper {

        private final AtomicLong written = new AtomicLong();
        private @Nullable ServletOutputStream counting;

        Response(HttpServletResponse response) {
            super(response);
        }

        long bytesWritten() {
            return written.get();
        }

        @Override
        public synchronized ServletOutputStream getOutputStream() throws IOException {
            if (counting == null) {
                counting = new CountingOutput(super.getOutputStream(), written);
            }
            return counting;
        }
    }

    private static final class CountingInput extends ServletInputStream {

        private final ServletInputStream in;
        private final AtomicLong count;

        CountingInput(ServletInputStream in, AtomicLong count) {
            this.in = in;
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class CountingOutput extends ServletOutputStream {

        private final ServletOutputStream out;
        private final AtomicLong count;

        CountingOutput(ServletOutputStream out, AtomicLong count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            count.addAndGet(length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
