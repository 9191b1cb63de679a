package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.testsupport.StoredShapes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report stage's result as stored: a row of a real run (before versions) reads typed, in the same shape. */
class ReportResultTest {

    @Test
    void aRealRunsRowReadsTypedAndKeepsItsShape() {
        assertThat(StoredShapes.assertReadsAndKeepsShape(Map.<String, Object>of("htmlBytes", 674738, "pdfBytes", 348756),
                ReportResult.STAGE_RESULT)).isEqualTo(new ReportResult(674738, 348756));
    }
}
