package io.mipro.optimizer.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Applies a function to indices 0..n-1 with at most {@code concurrency} calls in flight, returning results in index
 * order. The first exception stops new work and is rethrown once the running calls end. With no executor, or a
 * concurrency of one, it runs on the calling thread.
 */
public final class ParallelMap {

	/**
	 * Threads for work that itself waits on the evaluation executor (several trials, or proposals, at once): a
	 * separate, growing pool of daemon threads, so a waiting coordinator never holds a thread its own calls need.
	 */
	public static final java.util.concurrent.ExecutorService COORDINATION = java.util.concurrent.Executors
		.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "mipro-coordination");
			thread.setDaemon(true);
			return thread;
		});

	private ParallelMap() {
	}

	public static <R> List<R> map(int n, int concurrency, Executor executor, IntFunction<R> function) {
		AtomicReferenceArray<R> results = new AtomicReferenceArray<>(n);
		AtomicInteger next = new AtomicInteger();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		Runnable worker = () -> {
			int i;
			while (failure.get() == null && (i = next.getAndIncrement()) < n) {
				try {
					results.set(i, function.apply(i));
				}
				catch (RuntimeException ex) {
					failure.compareAndSet(null, ex);
				}
			}
		};
		int workers = Math.min(concurrency, n);
		if (workers <= 1 || executor == null) {
			worker.run();
		}
		else {
			List<CompletableFuture<Void>> running = new ArrayList<>(workers);
			for (int w = 0; w < workers; w++) {
				running.add(CompletableFuture.runAsync(worker, executor));
			}
			try {
				CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
			}
			catch (CompletionException ex) {
				failure.compareAndSet(null, ex.getCause() instanceof RuntimeException re ? re : ex);
			}
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		List<R> ordered = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			ordered.add(results.get(i));
		}
		return ordered;
	}

}
