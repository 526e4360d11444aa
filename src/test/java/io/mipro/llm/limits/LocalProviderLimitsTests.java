package io.mipro.llm.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

/** Limits in one process, on a fake clock: the waits are computed, never slept. */
class LocalProviderLimitsTests {

	final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	final List<Duration> waits = new ArrayList<>();

	final TimeMeter time = new TimeMeter() {
		@Override
		public long currentTimeNanos() {
			return nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}
	};

	/** Waiting moves the fake clock forward by the wait. */
	final BlockingStrategy waiting = wait -> {
		waits.add(Duration.ofNanos(wait));
		nanos.addAndGet(wait);
	};

	@Test
	void requestStartsAreSpacedEvenlyPerModel() throws InterruptedException {
		LocalProviderLimits limits = new LocalProviderLimits(8, 600, time, waiting);

		limits.awaitStart("m");
		limits.awaitStart("m");
		limits.awaitStart("m");
		limits.awaitStart("n");

		// 600 per minute: the first starts at once, each next one 100 ms after the previous; another model is free
		assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
		nanos.addAndGet(Duration.ofSeconds(5).toNanos());
		limits.awaitStart("m");
		assertThat(waits).as("an idle model does not save up a burst").hasSize(2);
		limits.awaitStart("m");
		assertThat(waits).hasSize(3).last().isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void noRateLimitMeansNoWait() throws InterruptedException {
		LocalProviderLimits limits = new LocalProviderLimits(8, 0, time, waiting);
		for (int i = 0; i < 100; i++) {
			limits.awaitStart("m");
		}
		assertThat(waits).isEmpty();
	}

	@Test
	void permitsArePerModelAndReleasedOnce() throws InterruptedException {
		LocalProviderLimits limits = new LocalProviderLimits(2, 0, time, waiting);

		ProviderLimits.Permit first = limits.acquire("m");
		ProviderLimits.Permit second = limits.acquire("m");
		ProviderLimits.Permit other = limits.acquire("n");

		assertThat(limits.available("m")).isZero();
		assertThat(limits.available("n")).isEqualTo(1);
		first.close();
		first.close();
		assertThat(limits.available("m")).as("closing twice releases once").isEqualTo(1);
		second.close();
		other.close();
		assertThat(limits.available("m")).isEqualTo(2);
	}

}
