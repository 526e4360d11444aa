package io.mipro.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.ModelRole;
import io.mipro.support.PostgresSchema;
import io.mipro.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single flight across instances on PostgreSQL: two response caches with different instance names (as two processes
 * would have) on one schema; the second waits for the first one's answer instead of calling, and a waiter that
 * waited long enough calls the provider itself.
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class SharedResponseCacheTests {

	static final PostgresSchema database = new PostgresSchema();

	static final JsonMapper json = JsonMapper.builder().build();

	@AfterAll
	static void drop() {
		database.close();
	}

	/** A provider that answers once {@code release} opens, counting its calls. */
	static final class Gate implements ModelProvider {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public String name() {
			return "gate";
		}

		@Override
		public boolean simulated() {
			return true;
		}

		@Override
		public Completion complete(ChatRequest request, UsageCounter usage) {
			usage.sent(request.role(), false);
			calls.incrementAndGet();
			entered.countDown();
			try {
				release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new Completion("answer " + calls.get(), 5, 1, false);
		}

	}

	static ChatRequest request(String text) {
		return new ChatRequest(ModelRole.TASK, "m", List.of(ChatMessage.user(text)), 0.0, null, null, "t");
	}

	@Test
	void aSecondInstanceWaitsForTheFirstInstancesAnswer() throws Exception {
		ResponseCache instanceA = new ResponseCache(database.jdbc(), true, "a", Duration.ofSeconds(30));
		ResponseCache instanceB = new ResponseCache(database.jdbc(), true, "b", Duration.ofSeconds(30));
		Gate gate = new Gate();
		UsageCounter usageB = new UsageCounter();

		CompletableFuture<Completion> a = CompletableFuture
			.supplyAsync(() -> new CachingLanguageModel(gate, instanceA, new UsageCounter(), json).complete(request("q1")));
		assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Completion> b = CompletableFuture
			.supplyAsync(() -> new CachingLanguageModel(gate, instanceB, usageB, json).complete(request("q1")));
		Thread.sleep(300);
		assertThat(b).as("instance b waits while a's call is in flight").isNotDone();
		gate.release.countDown();

		assertThat(a.get(10, TimeUnit.SECONDS).cached()).isFalse();
		Completion answerB = b.get(10, TimeUnit.SECONDS);
		assertThat(answerB.text()).isEqualTo("answer 1");
		assertThat(answerB.cached()).isTrue();
		assertThat(gate.calls.get()).isEqualTo(1);
		assertThat(usageB.usage().cachedCalls()).isEqualTo(1);
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM lm_cache_inflight", Integer.class))
			.as("the claim is cleared").isZero();
	}

	@Test
	void aWaiterWhoseWaitRanOutCallsItself() throws Exception {
		ResponseCache instanceA = new ResponseCache(database.jdbc(), true, "a", Duration.ofSeconds(30));
		ResponseCache impatient = new ResponseCache(database.jdbc(), true, "b", Duration.ofMillis(300));
		Gate slow = new Gate();
		CompletableFuture<Completion> a = CompletableFuture
			.supplyAsync(() -> new CachingLanguageModel(slow, instanceA, new UsageCounter(), json).complete(request("q2")));
		assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();

		AtomicInteger ownCalls = new AtomicInteger();
		ModelProvider own = new ModelProvider() {
			@Override
			public String name() {
				return "gate";
			}

			@Override
			public boolean simulated() {
				return true;
			}

			@Override
			public Completion complete(ChatRequest request, UsageCounter usage) {
				ownCalls.incrementAndGet();
				return new Completion("own", 1, 1, false);
			}
		};
		Completion b = new CachingLanguageModel(own, impatient, new UsageCounter(), json).complete(request("q2"));

		assertThat(b.text()).isEqualTo("own");
		assertThat(ownCalls.get()).isEqualTo(1);
		slow.release.countDown();
		a.get(10, TimeUnit.SECONDS);
	}

}
