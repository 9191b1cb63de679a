package com.skillmirror;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, enforced. From the bottom up:
 * <ol>
 *   <li>core: the shared model and services every stage builds on (landmarks, kinematics, skills, expert patterns,
 *       storage, uploads, the analysis contract, the database);</li>
 *   <li>stages: one package per stage, its engine beside its {@code step/} (the Spring Batch wiring of that
 *       stage); a later stage may read an earlier stage's result types, never the other way round;</li>
 *   <li>job wiring ({@code job..}): the analysis and ingest jobs that put the stages in order, local or remote;</li>
 *   <li>apps (portal, worker, expert-ingest, cli): other Maven modules, so Maven itself keeps them on top.</li>
 * </ol>
 */
class DependencyRulesTest {

    private static final String[] CORE = {"com.skillmirror", "com.skillmirror.analysis..", "com.skillmirror.storage..",
            "com.skillmirror.upload..", "com.skillmirror.db..", "com.skillmirror.landmarks..",
            "com.skillmirror.kinematics..", "com.skillmirror.skill..", "com.skillmirror.expert..",
            "com.skillmirror.notes..", "com.skillmirror.metrics.."};
    /** In job order (Stage's order). */
    private static final String[] STAGES = {"com.skillmirror.decode..", "com.skillmirror.pose..",
            "com.skillmirror.speech..", "com.skillmirror.compare..", "com.skillmirror.report.."};
    private static final String[] ENGINES = {"com.skillmirror.decode", "com.skillmirror.pose",
            "com.skillmirror.pose.export", "com.skillmirror.pose.overlay", "com.skillmirror.pose.athlete",
            "com.skillmirror.speech",
            "com.skillmirror.compare", "com.skillmirror.report", "com.skillmirror.report.progress"};
    private static final String WIRING = "com.skillmirror.job..";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("com.skillmirror");

    @Test
    void coreDependsOnNoStageAndNoJob() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(concat(STAGES, WIRING))
                .because("stages build on core; core must stay usable without any stage")
                .check(MAIN);
    }

    @Test
    void stagesDependOnlyOnEarlierStages() {
        // STAGES is in job order: each stage (with its step/ and sub-packages) may read those before it only
        for (int i = 0; i < STAGES.length - 1; i++) {
            noClasses().that().resideInAPackage(STAGES[i])
                    .should().dependOnClassesThat().resideInAnyPackage(
                            java.util.Arrays.copyOfRange(STAGES, i + 1, STAGES.length))
                    .because("a stage runs before the later ones and reads only the results of earlier ones")
                    .check(MAIN);
        }
    }

    @Test
    void stagesDoNotKnowTheJobThatRunsThem() {
        noClasses().that().resideInAnyPackage(STAGES)
                .should().dependOnClassesThat().resideInAPackage(WIRING)
                .because("a stage runs the same in-process, on a remote worker or from the CLI")
                .check(MAIN);
    }

    @Test
    void enginesDoNotDependOnSpringBatchSteps() {
        noClasses().that().resideInAnyPackage(ENGINES)
                .should().dependOnClassesThat().resideInAnyPackage("..step..", "org.springframework.batch..")
                .because("an engine is plain code a benchmark or the CLI can call; its step/ adapts it to the job")
                .check(MAIN);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("com.skillmirror.(**)").should().beFreeOfCycles().check(MAIN);
    }

    private static String[] concat(String[] packages, String more) {
        String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
        all[packages.length] = more;
        return all;
    }
}
