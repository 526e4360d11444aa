package io.mipro.job.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance runs jobs ({@code mipro.jobs.*}).
 *
 * @param maxConcurrent jobs this instance runs at once
 * @param pollInterval how often the queue is checked (a new job also wakes the runner at once)
 * @param leaseDuration how long a claim holds without renewal; a job whose instance died is resumed elsewhere after it
 * @param evaluationThreads threads shared by all jobs for per-example model calls
 * @param runnerEnabled false to accept jobs without running them (e.g. an API-only instance)
 * @param shutdownGrace how long a stopping instance waits for running steps to end before giving up
 * @param eventRetention events of jobs that ended longer ago than this are pruned (each keeps its last, final
 * status event); 0 keeps them all
 * @param eventStreamTimeout how long an event stream (SSE) stays open at most; clients reconnect with
 * {@code Last-Event-ID}
 * @param eventStreamHeartbeat how often an idle event stream sends a comment, so proxies keep it open
 * @param maxEventStreams event streams open at once on this instance; beyond, a new one is refused (503)
 */
@ConfigurationProperties("mipro.jobs")
public record JobsProperties(@DefaultValue("2") int maxConcurrent, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("30s") Duration leaseDuration, @DefaultValue("16") int evaluationThreads,
		@DefaultValue("true") boolean runnerEnabled, @DefaultValue("30s") Duration shutdownGrace,
		@DefaultValue("30d") Duration eventRetention, @DefaultValue("30m") Duration eventStreamTimeout,
		@DefaultValue("15s") Duration eventStreamHeartbeat, @DefaultValue("1000") int maxEventStreams) {

	public JobsProperties {
		if (maxConcurrent < 1 || evaluationThreads < 1) {
			throw new IllegalArgumentException("mipro.jobs.max-concurrent and evaluation-threads must be positive");
		}
	}

}
