package com.skillmirror.portal.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalWebSlice;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.TooManyRequestsException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same failures raised by a page controller ({@link PortalPage}) and by an API controller: the page's become the
 * problem page with the right status, the API's stay JSON. Spring MVC, Thymeleaf and the two real advices only: no
 * database, no security.
 */
@SpringBootTest(classes = PageErrorsTest.Slice.class)
@AutoConfigureMockMvc
class PageErrorsTest {

    static final String SECRET_NAME = "No upload 7d1c of team Olympic Squad";
    static final String HOSTILE = "Your role may not <script>alert(1)</script> here.";

    /** Both controllers fail the same ways, by the kind of failure named in the path. */
    static String fail(String kind, String value) {
        switch (kind) {
            case "missing" -> throw new NotFoundException(SECRET_NAME);
            case "forbidden" -> throw new ForbiddenException(HOSTILE);
            case "busy" -> throw new TooManyRequestsException("Too many comparisons; wait a minute.", 42);
            default -> {
                // a library's exception, with its own text about the value
                return UUID.fromString(value).toString();
            }
        }
    }

    // nested in a test class, so the full-application tests' scan of com.skillmirror leaves these controllers out
    @Controller
    @PortalPage
    @RequestMapping("/page")
    static class FailingPage {
        @GetMapping("/{kind}/{value}")
        String page(@PathVariable String kind, @PathVariable String value) {
            return fail(kind, value);
        }
    }

    @RestController
    @RequestMapping("/api")
    static class FailingApi {
        @GetMapping("/{kind}/{value}")
        String api(@PathVariable String kind, @PathVariable String value) {
            return fail(kind, value);
        }
    }

    @Import({PortalWebSlice.class, FailingPage.class, FailingApi.class})
    static class Slice {
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aPagesMissingThingIsTheProblemPageSayingNothingAboutWhatWasAskedFor() throws Exception {
        mvc.perform(get("/page/missing/x").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(allOf(containsString("<h1>Not found</h1>"),
                        containsString("There is nothing here for you."), not(containsString("Olympic")))));
    }

    @Test
    void aPagesRefusalAndRateLimitArePagesWithTheirStatusAndTheMessageEscaped() throws Exception {
        mvc.perform(get("/page/forbidden/x"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(allOf(containsString("<h1>Not allowed</h1>"),
                        containsString("&lt;script&gt;alert(1)&lt;/script&gt;"), not(containsString("<script>alert")))));
        mvc.perform(get("/page/busy/x"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "42"))
                .andExpect(content().string(allOf(containsString("Please wait"), containsString("wait a minute"))));
    }

    @Test
    void aPagesBadValueIsAPlainRequestToCheckTheInputNotTheLibrarysText() throws Exception {
        mvc.perform(get("/page/bad/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(allOf(containsString("Please check your input"),
                        containsString("Check it and try again."), not(containsString("not-a-uuid")))));
    }

    @Test
    void theApisSameFailuresStayJson() throws Exception {
        mvc.perform(get("/api/missing/x").accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value(SECRET_NAME));
        mvc.perform(get("/api/forbidden/x"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").value(HOSTILE));
        mvc.perform(get("/api/busy/x"))
                .andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "42"))
                .andExpect(jsonPath("$.error").value(containsString("wait a minute")));
        mvc.perform(get("/api/bad/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(ClientMessages.GENERIC));
    }
}
