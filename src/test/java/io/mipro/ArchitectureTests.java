package io.mipro;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The optimizer core stays plain Java: adapters at the edges own every framework. */
class ArchitectureTests {

	/**
	 * Frameworks the core must not touch. Jackson's streaming and databind API (a library, not a framework) is
	 * allowed: the core reads model answers with it.
	 */
	private static final String[] FRAMEWORKS = { "org.springframework..", "jakarta.persistence..", "org.hibernate..",
			"com.fasterxml.jackson.annotation..", "com.openai..", "io.swagger..", "jakarta.servlet..",
			"org.apache.lucene.." };

	static ArchRule optimizerIsFrameworkFree(String optimizerPackage) {
		return noClasses().that()
			.resideInAPackage(optimizerPackage)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(FRAMEWORKS)
			.because("the MIPROv2 core is framework-free; adapters at the edges wire it into Spring");
	}

	@Test
	void optimizerCoreDependsOnNoFramework() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.mipro");
		optimizerIsFrameworkFree("io.mipro.optimizer..").check(classes);
	}

	@Test
	void theRuleCatchesAViolation() {
		JavaClasses fixture = new ClassFileImporter().importPackages("io.mipro.archfixture");
		EvaluationResult result = optimizerIsFrameworkFree("io.mipro.archfixture.optimizer..").evaluate(fixture);

		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("org.springframework"))
			.anyMatch(line -> line.contains("jakarta.persistence"));
	}

}
