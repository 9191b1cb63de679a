package com.skillmirror.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalSliceTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API description as clients read it at /v3/api-docs, without signing in: bearer JWT for every operation, the
 * seed's paths, and never the signed-in actor as a parameter. Same configuration as {@link SeedApiTest}, so the two
 * share one context.
 */
@SpringBootTest(classes = ApiSlice.class)
@AutoConfigureMockMvc
class ApiDocsTest extends PortalSliceTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theDescriptionIsPublicAndAsksForABearerTokenEverywhere() throws Exception {
        JsonNode docs = apiDocs();

        assertThat(docs.at("/info/title").asString()).isEqualTo("SkillMirror API");
        assertThat(docs.at("/info/description").asString()).contains("POST /api/auth/token", "Authorization: Bearer");
        JsonNode bearer = docs.at("/components/securitySchemes/bearer");
        assertThat(Map.of("type", bearer.at("/type").asString(), "scheme", bearer.at("/scheme").asString(),
                "bearerFormat", bearer.at("/bearerFormat").asString()))
                .isEqualTo(Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"));
        assertThat(docs.at("/security/0").has("bearer")).as("required for every operation").isTrue();
    }

    @Test
    void theSeedsPathsAreDescribedAndTheActorIsNeverAParameter() throws Exception {
        JsonNode docs = apiDocs();

        assertThat(docs.at("/paths").propertyNames()).contains("/health", "/skills", "/upload-video",
                "/analyze-video/{videoId}", "/analysis/{videoId}");
        assertThat(docs.at("/paths/~1analysis~1{videoId}/get/parameters").findValuesAsString("name"))
                .containsExactly("videoId");
        assertThat(docs.at("/paths/~1analyze-video~1{videoId}/post/parameters").findValuesAsString("name"))
                .containsExactly("videoId");
        JsonNode upload = docs.at("/paths/~1upload-video/post");
        assertThat(upload.at("/parameters").findValuesAsString("name")).containsExactlyInAnyOrder("teamId", "athlete", "skill");
        assertThat(upload.at("/requestBody/content/multipart~1form-data/schema/properties").propertyNames())
                .containsExactlyInAnyOrder("file", "files");
        assertThat(docs.toString()).doesNotContainIgnoringCase("\"actor\"");
        assertThat(docs.at("/components/schemas").propertyNames()).doesNotContain("Actor");
    }

    private JsonNode apiDocs() throws Exception {
        String body = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(body);
    }
}
