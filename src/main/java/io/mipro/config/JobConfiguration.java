package io.mipro.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.mipro.job.internal.JobsProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executors jobs run on: {@code jobExecutor} runs whole jobs (at most {@code mipro.jobs.max-concurrent}), and
 * {@code evaluationExecutor} is shared by all jobs for their per-example model calls (each evaluation also respects
 * its own {@code numThreads}). Scheduling runs the retention pruners.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
class JobConfiguration {

	@Bean
	ThreadPoolTaskExecutor jobExecutor(JobsProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.maxConcurrent());
		executor.setMaxPoolSize(properties.maxConcurrent());
		// the runner never claims more than it can run; the queue only absorbs a claim racing a finishing job
		executor.setQueueCapacity(properties.maxConcurrent());
		executor.setThreadNamePrefix("job-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds((int) Math.max(1, properties.shutdownGrace().toSeconds()));
		return executor;
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService evaluationExecutor(JobsProperties properties) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = runnable -> {
			Thread thread = new Thread(runnable, "eval-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return Executors.newFixedThreadPool(properties.evaluationThreads(), threads);
	}

}
