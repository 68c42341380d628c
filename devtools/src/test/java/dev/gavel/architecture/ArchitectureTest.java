package dev.gavel.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules of the house, enforced over the production code of every module: a one-way module graph (Maven
 * refuses a dependency a pom does not declare; this refuses one a pom does declare but the graph forbids) and
 * a plain-Java auction core. devtools sits on top of every module, so its tests see them all.
 */
class ArchitectureTest {
    private static final JavaClasses GAVEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.gavel");

    /** Each module's packages and the modules it may use, bottom to top (README, "Layout"). */
    enum Module {
        PRIMITIVES("dev.gavel.primitives.."),
        BIDDING_API("dev.gavel.bidding..", PRIMITIVES),
        ATTESTATION("dev.gavel.attestation..", PRIMITIVES),
        DB("dev.gavel.db..", PRIMITIVES),
        AUCTION_CORE("dev.gavel.core..", PRIMITIVES, BIDDING_API),
        SETTLEMENT("dev.gavel.settlement..", PRIMITIVES, BIDDING_API, DB),
        SIMULATION("dev.gavel.simulation..", PRIMITIVES, BIDDING_API),
        AUCTION_SERVICE("dev.gavel.service..", PRIMITIVES, BIDDING_API, ATTESTATION, DB, AUCTION_CORE, SETTLEMENT),
        CLI("dev.gavel.cli..", PRIMITIVES, BIDDING_API, ATTESTATION, DB, AUCTION_CORE, SETTLEMENT, AUCTION_SERVICE);

        private final String packages;
        private final Module[] uses;

        Module(String packages, Module... uses) {
            this.packages = packages;
            this.uses = uses;
        }

        String[] allowed() {
            return Stream.concat(Stream.of(packages), Arrays.stream(uses).map(m -> m.packages))
                    .toArray(String[]::new);
        }
    }

    @ParameterizedTest
    @EnumSource(Module.class)
    void eachModuleUsesOnlyTheModulesBelowIt(Module module) {
        noClasses()
                .that()
                .resideInAPackage(module.packages)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gavel..").and(not(resideInAnyPackage(module.allowed()))))
                .check(GAVEL);
    }

    @Test
    void theAuctionCoreIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("dev.gavel.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "reactor..",
                        "io.netty..",
                        "org.web3j..",
                        "java.net..",
                        "java.io..")
                .because("the core is tested exhaustively and benchmarked alone; I/O and frameworks live at the edges")
                .check(GAVEL);
    }

    @Test
    void theCoreReadsTimeOnlyFromItsInjectedClock() {
        noClasses()
                .that()
                .resideInAPackage("dev.gavel.core..")
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.lang.System.class, "currentTimeMillis")
                .check(GAVEL);
    }

    @Test
    void noModuleBelowTheServiceKnowsSpring() {
        noClasses()
                .that()
                .resideInAnyPackage(Module.SETTLEMENT.allowed())
                .or()
                .resideInAnyPackage(Module.AUCTION_CORE.allowed())
                .or()
                .resideInAnyPackage(Module.ATTESTATION.allowed())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
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
    void theConfigurationPackageWiresButRunsNothing() {
        noClasses()
                .that()
                .resideInAPackage("dev.gavel.service.config..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.context.SmartLifecycle")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("java.util.concurrent..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.web3j.protocol.Web3j")
                .because("config builds from properties and composes; what runs lives in the components it wires")
                .check(GAVEL);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.gavel.(*).(*)..").should().beFreeOfCycles().check(GAVEL);
    }
}
