package org.atoll.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Failures that happen before any API controller is chosen (no such path, a method the path does not serve) are
 * answered as problems too, but only under {@code /api/}: elsewhere the exception goes on to Spring's default
 * handling, unchanged.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiFallback {

    @ExceptionHandler
    ProblemDetail noSuchPath(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        requireApi(e, request);
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource");
    }

    @ExceptionHandler
    ProblemDetail wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) throws Exception {
        requireApi(e, request);
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.METHOD_NOT_ALLOWED, "The resource does not serve " + e.getMethod());
    }

    @ExceptionHandler
    ProblemDetail wrongMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) throws Exception {
        requireApi(e, request);
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json");
    }

    @ExceptionHandler
    ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) throws Exception {
        requireApi(e, request);
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE, "The resource cannot answer in that type");
    }

    private static void requireApi(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith("/api/")) {
            throw e;
        }
    }
}
