package io.mipro.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mipro.optimizer.spi.ChatMessage;
import io.mipro.optimizer.spi.ChatRequest;
import io.mipro.optimizer.spi.Completion;
import io.mipro.optimizer.spi.LanguageModelException;
import io.mipro.optimizer.spi.ModelRole;
import org.junit.jupiter.api.Test;

/** The metrics decorator counts what the provider did per call and still hands every request to the job's counter. */
class MeteredModelProviderTests {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	/** Sends `attempts` requests (all but the first are retries), then answers, or fails when told to. */
	static ModelProvider provider(int attempts, boolean fail) {
		return new ModelProvider() {
			@Override
			public String name() {
				return "fake";
			}

			@Override
			public boolean simulated() {
				return false;
			}

			@Override
			public Completion complete(ChatRequest request, UsageCounter usage) {
				for (int attempt = 1; attempt <= attempts; attempt++) {
					usage.sent(request.role(), attempt > 1);
				}
				if (fail) {
					throw new LanguageModelException("provider down", true, null);
				}
				usage.tokens(120, 7);
				return new Completion("answer", 120, 7, false);
			}
		};
	}

	static ChatRequest request(ModelRole role, String model) {
		return new ChatRequest(role, model, List.of(ChatMessage.user("hi")), 0.0, null, null, "test");
	}

	double counter(String name, String... tags) {
		return registry.get(name).tags(tags).counter().count();
	}

	@Test
	void aCallWithRetriesIsCountedByRoleAndModelAndReachesTheJobsCounter() {
		MeteredModelProvider metered = new MeteredModelProvider(provider(3, false), registry);
		UsageCounter job = new UsageCounter();

		metered.complete(request(ModelRole.TASK, "gpt-task"), job);
		metered.complete(request(ModelRole.PROMPT, "gpt-prompt"), job);

		assertThat(counter("mipro.model.calls", "role", "task", "model", "gpt-task", "outcome", "success")).isEqualTo(1);
		assertThat(counter("mipro.model.requests", "role", "task", "model", "gpt-task")).isEqualTo(3);
		assertThat(counter("mipro.model.retries", "role", "task", "model", "gpt-task")).isEqualTo(2);
		assertThat(counter("mipro.model.tokens", "role", "prompt", "model", "gpt-prompt", "direction", "input")).isEqualTo(120);
		assertThat(counter("mipro.model.tokens", "role", "prompt", "model", "gpt-prompt", "direction", "output")).isEqualTo(7);
		assertThat(registry.get("mipro.model.latency").tags("role", "task", "outcome", "success").timer().count()).isEqualTo(1);
		assertThat(job.usage().taskModelCalls()).isEqualTo(3);
		assertThat(job.usage().promptModelCalls()).isEqualTo(3);
		assertThat(job.retries()).isEqualTo(4);
		assertThat(job.usage().inputTokens()).isEqualTo(240);
	}

	@Test
	void aFailedCallIsCountedAsAnErrorAndItsRequestsStillReachTheJobsCounter() {
		MeteredModelProvider metered = new MeteredModelProvider(provider(6, true), registry);
		UsageCounter job = new UsageCounter();

		assertThatThrownBy(() -> metered.complete(request(ModelRole.TASK, "gpt-task"), job))
			.isInstanceOf(LanguageModelException.class);

		assertThat(counter("mipro.model.calls", "role", "task", "outcome", "error")).isEqualTo(1);
		assertThat(counter("mipro.model.retries", "role", "task")).isEqualTo(5);
		assertThat(job.usage().taskModelCalls()).isEqualTo(6);
		assertThat(job.retries()).isEqualTo(5);
	}

	@Test
	void cacheHitsAreCountedByRoleAndModel() {
		MeteredModelProvider metered = new MeteredModelProvider(provider(1, false), registry);

		metered.cacheHit(request(ModelRole.TASK, "gpt-task"));
		metered.cacheHit(request(ModelRole.TASK, "gpt-task"));

		assertThat(counter("mipro.model.cache.hits", "role", "task", "model", "gpt-task", "provider", "fake")).isEqualTo(2);
	}

}
