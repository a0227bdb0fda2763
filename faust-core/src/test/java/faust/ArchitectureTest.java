package faust;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN §1 and issue 8, checked on faust-core's classes:
 * <ul>
 *   <li>no type of an {@code ..internal..} package in a public signature (supertypes, public and protected
 *       fields, methods and constructors: parameters, return types, type arguments, exceptions) of a public
 *       class outside the internal packages;</li>
 *   <li>only {@code faust.transport.internal} uses Kafka's client library (clients and common), only
 *       {@code faust.stores.internal.rocksdb} uses RocksDB;</li>
 *   <li>no cycles between the concerns ({@code faust.<concern>} with its internal packages), and the public API
 *       ({@code faust}) with its implementation ({@code faust.internal}) does not depend on the runtime (the
 *       user pages' types of {@code faust.web} are API; its server, {@code faust.web.internal}, is runtime);</li>
 *   <li>time is read from {@code faust.internal.Clock} only.</li>
 * </ul>
 */
class ArchitectureTest {
    /** This module's own classes (not its tests, not other modules on the test class path). */
    static final JavaClasses CORE = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void noInternalTypeAppearsInAPublicSignature() {
        publicApi().check(CORE);
    }

    @Test
    void onlyTheTransportPackageUsesTheKafkaClientLibrary() {
        noClasses().that().resideOutsideOfPackage("faust.transport.internal")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
                .check(CORE);
    }

    @Test
    void onlyTheRocksDbStorePackageUsesRocksDb() {
        noClasses().that().resideOutsideOfPackage("faust.stores.internal.rocksdb")
                .should().dependOnClassesThat().resideInAnyPackage("org.rocksdb..")
                .check(CORE);
        classes().that().resideInAPackage("faust.stores.internal.rocksdb").and().haveSimpleName("RocksDbStore")
                .should().dependOnClassesThat().resideInAnyPackage("org.rocksdb..")
                .check(CORE);
    }

    @Test
    void theConcernsHaveNoCycles() {
        slices().matching("faust.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theApiAndItsImplementationDoNotDependOnTheRuntime() {
        noClasses().that().resideInAnyPackage("faust", "faust.internal")
                .should().dependOnClassesThat().resideInAnyPackage("faust.agents..", "faust.tables..",
                        "faust.transport..", "faust.web.internal..", "faust.worker..", "faust.spi..")
                .check(CORE);
    }

    @Test
    void theRuntimeReadsTimeFromItsClockOnly() {
        noClasses().that().doNotHaveFullyQualifiedName("faust.internal.Clock$1")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("a test replaces the worker's clock (faust.internal.Clock), not the JVM's")
                .check(CORE);
    }

    static com.tngtech.archunit.lang.ArchRule publicApi() {
        return classes().that().resideOutsideOfPackage("..internal..").and().arePublic()
                .should(exposeNoInternalType());
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of an internal package in their public signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!effectivelyPublic(c)) {
                    return;
                }
                List<String> leaks = new ArrayList<>();
                c.getRawSuperclass().ifPresent(s -> c.getSuperclass().ifPresent(t -> leak(leaks, "extends", t)));
                c.getInterfaces().forEach(t -> leak(leaks, "implements", t));
                for (JavaField f : c.getFields()) {
                    if (visible(f.getModifiers())) {
                        leak(leaks, "field " + f.getName(), f.getType());
                    }
                }
                for (JavaCodeUnit m : c.getCodeUnits()) {
                    if (!visible(m.getModifiers()) || m.getName().equals("<clinit>") || m.getModifiers()
                            .contains(JavaModifier.SYNTHETIC)) {
                        continue;
                    }
                    String name = m.getName().equals("<init>") ? "constructor" : m.getName() + "()";
                    leak(leaks, name + " returns", m.getReturnType());
                    m.getParameterTypes().forEach(t -> leak(leaks, name + " takes", t));
                    m.getThrowsClause().getTypes().forEach(t -> leak(leaks, name + " throws", t));
                }
                for (String l : leaks) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + l));
                }
            }
        };
    }

    private static boolean effectivelyPublic(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static void leak(List<String> leaks, String where, JavaType type) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (raw.getPackageName().contains(".internal")) {
                leaks.add(where + " " + raw.getName());
            }
        }
    }
}
