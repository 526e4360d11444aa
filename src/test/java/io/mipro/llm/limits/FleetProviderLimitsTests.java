package io.mipro.llm.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.BlockingStrategy;
import io.mipro.fleet.DatabaseClock;
import io.mipro.fleet.FleetInstance;
import io.mipro.support.PostgresSchema;
import io.mipro.support.PostgresTestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Provider limits shared through PostgreSQL by several instances (each a {@link FleetProviderLimits} with its own
 * name, as separate processes would have): the concurrency cap holds across them, a dead instance's permits come
 * back when their lease runs out, and the request rate is one bucket for all.
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class FleetProviderLimitsTests {

	static final PostgresSchema database = new PostgresSchema();

	final List<FleetProviderLimits> instances = new ArrayList<>();

	@AfterAll
	static void drop() {
		database.close();
	}

	@AfterEach
	void stop() {
		instances.forEach(FleetProviderLimits::close);
	}

	FleetProviderLimits instance(String name, int max, int rpm, Duration lease, BlockingStrategy waiting) {
		FleetInstance fleetInstance = new FleetInstance(Duration.ZERO);
		DatabaseClock clock = new DatabaseClock(database.jdbc(), fleetInstance);
		FleetProviderLimits limits = new FleetProviderLimits(database.jdbc(), database.dataSource(), clock,
				name + "/" + fleetInstance.id(), max, rpm, lease, waiting);
		instances.add(limits);
		return limits;
	}

	@Test
	void theConcurrencyCapHoldsAcrossInstances() throws Exception {
		FleetProviderLimits a = instance("a", 3, 0, Duration.ofSeconds(30), BlockingStrategy.PARKING);
		FleetProviderLimits b = instance("b", 3, 0, Duration.ofSeconds(30), BlockingStrategy.PARKING);
		ProviderLimits.Permit a1 = a.acquire("cap");
		ProviderLimits.Permit a2 = a.acquire("cap");
		ProviderLimits.Permit b1 = b.acquire("cap");
		assertThat(a.heldInFleet("cap")).isEqualTo(3);

		CompletableFuture<ProviderLimits.Permit> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return b.acquire("cap");
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(300);
		assertThat(waiting).as("a fourth permit waits while the fleet holds three").isNotDone();

		a1.close();
		ProviderLimits.Permit b2 = waiting.get(10, TimeUnit.SECONDS);
		assertThat(a.heldInFleet("cap")).isEqualTo(3);
		a2.close();
		b1.close();
		b2.close();
		b2.close();
		assertThat(a.heldInFleet("cap")).isZero();
	}

	@Test
	void aDeadInstancesPermitsComeBackWhenTheirLeaseRunsOut() throws Exception {
		FleetProviderLimits dying = instance("dying", 2, 0, Duration.ofSeconds(1), BlockingStrategy.PARKING);
		FleetProviderLimits alive = instance("alive", 2, 0, Duration.ofSeconds(1), BlockingStrategy.PARKING);
		dying.acquire("dead");
		dying.acquire("dead");
		// the instance dies holding both permits: it neither releases nor renews them any more
		dying.close();
		assertThat(alive.heldInFleet("dead")).isEqualTo(2);

		CompletableFuture<ProviderLimits.Permit> next = CompletableFuture.supplyAsync(() -> {
			try {
				return alive.acquire("dead");
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		ProviderLimits.Permit permit = next.get(20, TimeUnit.SECONDS);
		permit.close();
	}

	@Test
	void aLiveHolderKeepsItsPermitLongerThanOneLease() throws Exception {
		FleetProviderLimits holder = instance("holder", 1, 0, Duration.ofMillis(600), BlockingStrategy.PARKING);
		FleetProviderLimits other = instance("other", 1, 0, Duration.ofMillis(600), BlockingStrategy.PARKING);
		ProviderLimits.Permit permit = holder.acquire("long");
		CompletableFuture<ProviderLimits.Permit> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return other.acquire("long");
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		// a call running for three leases: its holder renews the lease, so nobody else takes the permit
		Thread.sleep(1800);
		assertThat(waiting).isNotDone();
		assertThat(other.heldInFleet("long")).isEqualTo(1);
		permit.close();
		waiting.get(10, TimeUnit.SECONDS).close();
	}

	@Test
	void theRequestRateIsOneBucketForTheFleet() throws InterruptedException {
		List<Duration> waitsOfB = new ArrayList<>();
		FleetProviderLimits a = instance("a", 8, 60, Duration.ofSeconds(30), BlockingStrategy.PARKING);
		FleetProviderLimits b = instance("b", 8, 60, Duration.ofSeconds(30),
				nanos -> waitsOfB.add(Duration.ofNanos(nanos)));

		a.awaitStart("rate");
		b.awaitStart("rate");

		// 60 per minute: one start a second for the fleet, so b waits for the slot after a's
		assertThat(waitsOfB).hasSize(1);
		assertThat(waitsOfB.get(0)).isGreaterThan(Duration.ofMillis(500)).isLessThanOrEqualTo(Duration.ofSeconds(1));
	}

}
