package com.skillmirror.report;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResult;

/** The report stage's result (stage_result report): the sizes of the report it rendered, in bytes. */
public record ReportResult(int htmlBytes, int pdfBytes) {

    public static final StageResult<ReportResult> STAGE_RESULT = new StageResult<>(Stage.REPORT, ReportResult.class, 1);
}
