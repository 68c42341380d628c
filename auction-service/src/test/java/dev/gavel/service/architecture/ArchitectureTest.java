package dev.gavel.service.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules of the house (DESIGN §4), enforced: a plain-Java core and a one-way module graph. */
class ArchitectureTest {
    private static final JavaClasses GAVEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gavel");

    @Test
    void theAuctionCoreIsPlainJava() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.gavel.service.round..",
                        "dev.gavel.service.intake..",
                        "dev.gavel.service.auction..",
                        "dev.gavel.service.chain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "reactor..",
                        "io.netty..",
                        "dev.gavel.db..",
                        "java.net..",
                        "java.io..")
                .because("the core is tested exhaustively and benchmarked alone; I/O and frameworks live at the edges")
                .check(GAVEL);
    }

    @Test
    void theCoreReadsTimeOnlyFromItsInjectedClock() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.gavel.service.round..",
                        "dev.gavel.service.intake..",
                        "dev.gavel.service.auction..",
                        "dev.gavel.service.chain..")
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.lang.System.class, "currentTimeMillis")
                .check(GAVEL);
    }

    @Test
    void theBiddingApiKnowsNothingOfTheService() {
        noClasses()
                .that()
                .resideInAPackage("dev.gavel.bidding..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.gavel.service..", "dev.gavel.db..", "org.springframework..")
                .check(GAVEL);
    }

    @Test
    void theHistoryStoreKnowsNothingOfTheServiceOrTheWireTypes() {
        noClasses()
                .that()
                .resideInAPackage("dev.gavel.db..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.gavel.service..", "dev.gavel.bidding..", "org.springframework..")
                .check(GAVEL);
    }

    @Test
    void onlyTheConfigurationPackageKnowsSpringBeans() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.gavel.service.config..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.context.annotation.Bean")
                .check(GAVEL);
    }

    @Test
    void servicePackagesHaveNoCycles() {
        slices().matching("dev.gavel.service.(*)..").should().beFreeOfCycles().check(GAVEL);
    }
}
