package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Failures of the dashboard's pages as a page of the dashboard, never a stack trace. */
@ControllerAdvice(basePackageClasses = DashboardErrors.class)
class DashboardErrors {

    @ExceptionHandler({PageNotFound.class, MethodArgumentTypeMismatchException.class})
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("status", 404);
        model.addAttribute("title", "Not found");
        model.addAttribute("explanation", "There is nothing here, or it is not yours to see.");
        return "error";
    }
}
