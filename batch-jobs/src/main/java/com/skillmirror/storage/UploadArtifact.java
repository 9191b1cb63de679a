package com.skillmirror.storage;

/**
 * Objects stored per upload rather than per video (no {@code artifact} row: they belong to no single video): the
 * team report, under the upload's prefix ({@link StorageKeys#uploadArtifact}).
 */
public enum UploadArtifact {

    TEAM_REPORT_HTML("team-report.html", "text/html"),
    TEAM_REPORT_PDF("team-report.pdf", "application/pdf");

    private final String fileName;
    private final String contentType;

    UploadArtifact(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    /** The name under the upload's storage prefix, and in the CLI's output folder. */
    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }
}
