package io.mipro.llm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.mipro.optimizer.spi.LanguageModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Our retry policy for model calls, run by Spring Framework's {@link RetryTemplate}: transient faults (429, 5xx,
 * timeouts, connection errors) are retried up to {@code maxAttempts} in all, after the {@link BackoffSchedule}'s
 * waits (exponential, capped, jittered, at least the server's {@code Retry-After}), and the call gives up once the
 * next wait would take it past {@code maxElapsed}. The template sleeps between attempts; an attempt holds its
 * provider permit only while its request runs, so nothing is held during those sleeps.
 */
final class ModelCallRetry {

	private static final Logger log = LoggerFactory.getLogger(ModelCallRetry.class);

	/** One attempt; {@code attempt} counts from 1. */
	@FunctionalInterface
	interface Attempt<T> {

		T run(int attempt) throws InterruptedException;

	}

	/** Told about every wait before a retry (for logs and tests). */
	@FunctionalInterface
	interface BackoffListener {

		void backingOff(String model, ProviderFault fault, int failedAttempts, Duration wait);

	}

	private final BackoffSchedule schedule;

	private final BackoffListener listener;

	ModelCallRetry(LlmProperties.Retry settings, BackoffListener listener) {
		this.schedule = new BackoffSchedule(settings);
		this.listener = listener;
	}

	<T> T call(String model, Attempt<T> attempt) {
		Call call = new Call(model);
		RetryTemplate template = new RetryTemplate(call.policy());
		try {
			return template.execute(new Retryable<T>() {
				@Override
				public T execute() throws Throwable {
					int number = ++call.attempts;
					try {
						return attempt.run(number);
					}
					catch (InterruptedException ex) {
						call.interrupted = true;
						Thread.currentThread().interrupt();
						throw ex;
					}
					catch (RuntimeException ex) {
						call.fault = ProviderFault.classify(ex);
						throw ex;
					}
				}

				@Override
				public String getName() {
					return "call to " + model;
				}
			});
		}
		catch (RetryException ex) {
			throw failure(model, call, ex);
		}
	}

	private LanguageModelException failure(String model, Call call, RetryException ex) {
		Throwable last = ex.getLastException() == null ? ex : ex.getLastException();
		if (call.interrupted || Thread.currentThread().isInterrupted() || call.fault == null) {
			return new LanguageModelException("interrupted while calling " + model, true, last);
		}
		ProviderFault fault = call.fault;
		String why;
		if (!fault.retryable()) {
			why = "not retryable";
		}
		else if (call.attempts >= schedule.maxAttempts()) {
			why = "gave up after " + call.attempts + " attempts";
		}
		else {
			long seconds = Duration.ofNanos(System.nanoTime() - call.started).toSeconds();
			why = "gave up after " + call.attempts + " attempts and " + seconds + " s";
		}
		return new LanguageModelException(model + ": " + fault.description() + " (" + why + ")", fault.retryable(), last);
	}

	/** The state of one call across its attempts: what the template's policy and backoff read. */
	private final class Call {

		final String model;

		final long started = System.nanoTime();

		int attempts;

		ProviderFault fault;

		boolean interrupted;

		Call(String model) {
			this.model = model;
		}

		RetryPolicy policy() {
			BackOff backOff = () -> new BackOffExecution() {
				@Override
				public long nextBackOff() {
					if (attempts >= schedule.maxAttempts()) {
						return STOP;
					}
					Duration wait = schedule.backoff(attempts, fault.retryAfter(), ThreadLocalRandom.current());
					listener.backingOff(model, fault, attempts, wait);
					return wait.toMillis();
				}
			};
			return new RetryPolicy() {
				@Override
				public boolean shouldRetry(Throwable failure) {
					return !interrupted && fault != null && fault.retryable();
				}

				@Override
				public Duration getTimeout() {
					return schedule.maxElapsed();
				}

				@Override
				public BackOff getBackOff() {
					return backOff;
				}
			};
		}

	}

	/** The default listener: a warning per retry. */
	static BackoffListener logging() {
		return (model, fault, failed, wait) -> log.warn("Model call to {} failed ({}); attempt {} failed, retrying in {} ms",
				model, fault.description(), failed, wait.toMillis());
	}

}
