package com.skillmirror.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The portal's package map of docs/architecture.md, enforced: {@code access} and {@code security} at the bottom,
 * feature packages on top of them, {@code web} the page infrastructure features share, {@code pages} (screens that
 * compose several features) on top of everything; no cycles between packages.
 */
class PortalDependencyRulesTest {

    private static final String[] FEATURES = {"..portal.team..", "..portal.athlete..", "..portal.upload..",
            "..portal.live..", "..portal.report..", "..portal.expert..", "..portal.api..", "..portal.pages..",
            "..portal.notes..", "..portal.player..", "..portal.webhook.."};

    private static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("com.skillmirror.portal");

    @Test
    void accessAndSecurityKnowNoFeature() {
        noClasses().that().resideInAnyPackage("..portal.access..", "..portal.security..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("who may do what is decided below the features, so a feature cannot bypass it")
                .check(PORTAL);
    }

    @Test
    void pageInfrastructureKnowsNoFeature() {
        noClasses().that().resideInAPackage("..portal.web..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("every feature's pages use web/; it must not pull features into each other")
                .check(PORTAL);
    }

    @Test
    void nothingDependsOnTheComposedPages() {
        noClasses().that().resideOutsideOfPackage("..portal.pages..")
                .should().dependOnClassesThat().resideInAPackage("..portal.pages..")
                .check(PORTAL);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("com.skillmirror.portal.(*)..").should().beFreeOfCycles().check(PORTAL);
    }
}
