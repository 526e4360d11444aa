package io.mipro.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RatePacerTests {

	@Test
	void spacesRequestStartsPerModel() {
		RatePacer pacer = new RatePacer(600);

		Duration first = pacer.reserve("m");
		Duration second = pacer.reserve("m");
		Duration third = pacer.reserve("m");
		Duration otherModel = pacer.reserve("n");

		assertThat(first).isLessThan(Duration.ofMillis(5));
		// 600 per minute: one every 100 ms
		assertThat(second).isBetween(Duration.ofMillis(90), Duration.ofMillis(100));
		assertThat(third).isBetween(Duration.ofMillis(190), Duration.ofMillis(200));
		assertThat(otherModel).isLessThan(Duration.ofMillis(5));
	}

	@Test
	void noLimitMeansNoWait() {
		RatePacer pacer = new RatePacer(0);
		for (int i = 0; i < 100; i++) {
			assertThat(pacer.reserve("m")).isZero();
		}
	}

}
