package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.atoll.account.AccountView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is signed in, and which section of the navigation is open. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    @ModelAttribute("viewer")
    @Nullable
    AccountView viewer(@AuthenticationPrincipal @Nullable AccountView viewer) {
        return viewer;
    }

    @ModelAttribute("section")
    String section(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/my/")) {
            path = path.substring(3);
        }
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }
}
