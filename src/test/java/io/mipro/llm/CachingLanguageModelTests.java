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
import io.mipro.optimizer.spi.LanguageModelException;
import io.mipro.optimizer.spi.ModelRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The persisted response cache: a hit costs no call, the key covers everything that changes the answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "mipro.jobs.runner-enabled=false")
class CachingLanguageModelTests {

	@Autowired
	ResponseCache cache;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	final AtomicInteger calls = new AtomicInteger();

	final ModelProvider provider = new ModelProvider() {
		@Override
		public String name() {
			return "fake";
		}

		@Override
		public boolean simulated() {
			return true;
		}

		@Override
		public Completion complete(ChatRequest request, UsageCounter usage) {
			usage.sent(request.role(), false);
			return new Completion("answer " + calls.incrementAndGet(), 3, 2, false);
		}
	};

	@BeforeEach
	void clean() {
		jdbc.update("DELETE FROM lm_cache");
	}

	static ChatRequest request(Double temperature, Long rollout) {
		return new ChatRequest(ModelRole.PROMPT, "m", List.of(ChatMessage.user("hello")), temperature, null, rollout, "t");
	}

	@Test
	void aRepeatedRequestIsServedFromTheDatabase() {
		UsageCounter usage = new UsageCounter();
		CachingLanguageModel model = new CachingLanguageModel(provider, cache, usage, json);

		Completion first = model.complete(request(1.0, 7L));
		Completion again = new CachingLanguageModel(provider, cache, usage, json).complete(request(1.0, 7L));

		assertThat(first.cached()).isFalse();
		assertThat(again.cached()).isTrue();
		assertThat(again.text()).isEqualTo(first.text());
		assertThat(calls.get()).isEqualTo(1);
		assertThat(usage.usage().promptModelCalls()).isEqualTo(1);
		assertThat(usage.usage().cachedCalls()).isEqualTo(1);
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void identicalRequestsInFlightMakeOneProviderCall() throws Exception {
		CountDownLatch called = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		AtomicInteger slowCalls = new AtomicInteger();
		ModelProvider slow = new ModelProvider() {
			@Override
			public String name() {
				return "fake";
			}

			@Override
			public boolean simulated() {
				return true;
			}

			@Override
			public Completion complete(ChatRequest request, UsageCounter usage) {
				usage.sent(request.role(), false);
				slowCalls.incrementAndGet();
				called.countDown();
				try {
					answer.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return new Completion("the answer", 3, 2, false);
			}
		};
		UsageCounter firstJob = new UsageCounter();
		UsageCounter secondJob = new UsageCounter();
		CompletableFuture<Completion> first = CompletableFuture
			.supplyAsync(() -> new CachingLanguageModel(slow, cache, firstJob, json).complete(request(1.0, 7L)));
		assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Completion> second = CompletableFuture
			.supplyAsync(() -> new CachingLanguageModel(slow, cache, secondJob, json).complete(request(1.0, 7L)));
		Thread.sleep(200);
		assertThat(second).as("the second caller waits for the first one's answer").isNotDone();

		answer.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS).cached()).isFalse();
		assertThat(second.get(10, TimeUnit.SECONDS).text()).isEqualTo("the answer");
		assertThat(second.get().cached()).isTrue();
		assertThat(slowCalls.get()).isEqualTo(1);
		assertThat(firstJob.usage().promptModelCalls()).isEqualTo(1);
		assertThat(secondJob.usage().promptModelCalls()).isZero();
		assertThat(secondJob.usage().cachedCalls()).isEqualTo(1);
	}

	@Test
	void aWaiterWhoseLeaderFailedCallsItself() throws Exception {
		CountDownLatch called = new CountDownLatch(1);
		CountDownLatch fail = new CountDownLatch(1);
		ModelProvider failingOnce = new ModelProvider() {
			final AtomicInteger n = new AtomicInteger();

			@Override
			public String name() {
				return "fake";
			}

			@Override
			public boolean simulated() {
				return true;
			}

			@Override
			public Completion complete(ChatRequest request, UsageCounter usage) {
				if (n.incrementAndGet() == 1) {
					called.countDown();
					try {
						fail.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					throw new LanguageModelException("first caller's job was stopped", true, null);
				}
				return new Completion("own answer", 1, 1, false);
			}
		};
		CompletableFuture<Completion> leader = CompletableFuture.supplyAsync(
				() -> new CachingLanguageModel(failingOnce, cache, new UsageCounter(), json).complete(request(0.0, 1L)));
		assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Completion> waiter = CompletableFuture.supplyAsync(
				() -> new CachingLanguageModel(failingOnce, cache, new UsageCounter(), json).complete(request(0.0, 1L)));
		Thread.sleep(200);
		fail.countDown();

		assertThat(leader).failsWithin(Duration.ofSeconds(10));
		assertThat(waiter.get(10, TimeUnit.SECONDS).text()).isEqualTo("own answer");
		assertThat(waiter.get().cached()).isFalse();
	}

	@Test
	void temperatureRolloutAndModelArePartOfTheKey() {
		CachingLanguageModel model = new CachingLanguageModel(provider, cache, new UsageCounter(), json);
		model.complete(request(1.0, 7L));
		model.complete(request(1.0, 8L));
		model.complete(request(0.5, 7L));
		model.complete(request(null, null));

		assertThat(calls.get()).isEqualTo(4);
		assertThat(model.key(request(1.0, 7L))).isEqualTo(model.key(request(1.0, 7L))).hasSize(64);
	}

}
