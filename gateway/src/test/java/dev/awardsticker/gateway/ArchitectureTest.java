package dev.awardsticker.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gateway's shape, as its package layout promises: data flows one way, feed -> view -> hub -> transports, and
 * Vert.x's and Netty's internals are reached from one package only, which can switch itself off.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.awardsticker.gateway";
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void onlyTheNettySeamReachesLibraryInternals() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(ROOT + ".transport.netty..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..impl..", "io.vertx..internal..",
                        "io.netty..internal..", "io.netty.channel..")
                .because("library internals live in transport.netty, which falls back to the public API without them");
        rule.check(GATEWAY);
    }

    @Test
    void theFeedKnowsNothingOfWhatReadsIt() {
        noClasses().that().resideInAPackage(ROOT + ".feed..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".view..", ROOT + ".hub..",
                        ROOT + ".transport..", ROOT + ".http..")
                .check(GATEWAY);
    }

    @Test
    void theViewsKnowNothingOfClients() {
        noClasses().that().resideInAPackage(ROOT + ".view..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".hub..", ROOT + ".transport..",
                        ROOT + ".http..")
                .check(GATEWAY);
    }

    @Test
    void theHistoryKnowsNothingOfWhatReadsIt() {
        noClasses().that().resideInAPackage(ROOT + ".history..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".view..", ROOT + ".hub..",
                        ROOT + ".transport..", ROOT + ".http..")
                .check(GATEWAY);
    }

    @Test
    void theHubKnowsNoTransport() {
        noClasses().that().resideInAPackage(ROOT + ".hub..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".transport..", ROOT + ".http..")
                .check(GATEWAY);
    }
}
