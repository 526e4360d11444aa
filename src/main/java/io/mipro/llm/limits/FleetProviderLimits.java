package io.mipro.llm.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.mipro.fleet.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Limits shared by every instance on one PostgreSQL database.
 * <ul>
 * <li>Concurrency: the permits of a model are rows of {@code lm_permit}, one per slot; taking one is a single
 * {@code UPDATE ... FOR UPDATE SKIP LOCKED} that claims a free or expired slot under a lease timed by the database's
 * clock. The holding instance renews its leases while its calls run, so a call may last longer than a lease, and a
 * dead instance's permits come back once their lease ran out. A fair local semaphore of the same size queues this
 * instance's callers first, so they do not poll the database while the instance itself uses every permit.</li>
 * <li>Rate: a Bucket4j token bucket per model kept in {@code lm_rate_bucket} (its PostgreSQL backend, row-locked),
 * timed by the database's clock so skewed instances agree on it.</li>
 * </ul>
 */
public final class FleetProviderLimits implements ProviderLimits, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FleetProviderLimits.class);

	private static final String CLAIM = "UPDATE lm_permit SET holder = ?, instance = ?, expires_at = "
			+ DatabaseClock.NOW_PLUS_MILLIS + " WHERE model = ? AND slot = (SELECT slot FROM lm_permit WHERE model = ? "
			+ "AND slot < ? AND (holder IS NULL OR expires_at < CURRENT_TIMESTAMP) ORDER BY slot LIMIT 1 "
			+ "FOR UPDATE SKIP LOCKED) RETURNING slot";

	private final JdbcTemplate jdbc;

	private final String instance;

	private final int maxConcurrent;

	private final int requestsPerMinute;

	private final Duration lease;

	private final ProxyManager<String> buckets;

	private final BlockingStrategy waiting;

	private final Map<String, Semaphore> local = new ConcurrentHashMap<>();

	private final Set<String> seeded = ConcurrentHashMap.newKeySet();

	private final AtomicLong holders = new AtomicLong();

	private final AtomicLong held = new AtomicLong();

	private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "permit-renewer");
		thread.setDaemon(true);
		return thread;
	});

	public FleetProviderLimits(JdbcTemplate jdbc, DataSource dataSource, DatabaseClock clock, String instance,
			int maxConcurrent, int requestsPerMinute, Duration lease) {
		this(jdbc, dataSource, clock, instance, maxConcurrent, requestsPerMinute, lease, BlockingStrategy.PARKING);
	}

	/** With the rate's waiting replaceable, so tests can see the waits without sleeping them. */
	public FleetProviderLimits(JdbcTemplate jdbc, DataSource dataSource, DatabaseClock clock, String instance,
			int maxConcurrent, int requestsPerMinute, Duration lease, BlockingStrategy waiting) {
		this.jdbc = jdbc;
		this.waiting = waiting;
		this.instance = instance;
		this.maxConcurrent = maxConcurrent;
		this.requestsPerMinute = requestsPerMinute;
		this.lease = lease;
		this.buckets = requestsPerMinute <= 0 ? null
				: Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
					.primaryKeyMapper(PrimaryKeyMapper.STRING)
					.table("lm_rate_bucket")
					.idColumn("id")
					.stateColumn("state")
					.clientClock(databaseTime(clock))
					.build();
		long renew = Math.max(100, lease.toMillis() / 3);
		renewer.scheduleWithFixedDelay(this::renew, renew, renew, TimeUnit.MILLISECONDS);
	}

	private static TimeMeter databaseTime(DatabaseClock clock) {
		return new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
	}

	@Override
	public void awaitStart(String model) throws InterruptedException {
		if (buckets == null) {
			return;
		}
		buckets.builder()
			.withImplicitConfigurationReplacement(requestsPerMinute, TokensInheritanceStrategy.RESET)
			.build(model, () -> RequestRate.perMinute(requestsPerMinute))
			.asBlocking()
			.consume(1, waiting);
	}

	@Override
	public Permit acquire(String model) throws InterruptedException {
		Semaphore queue = local.computeIfAbsent(model, m -> new Semaphore(maxConcurrent, true));
		queue.acquire();
		try {
			seed(model);
			String holder = instance + "#" + holders.incrementAndGet();
			long wait = 2;
			while (true) {
				List<Integer> slot = jdbc.queryForList(CLAIM, Integer.class, holder, instance, lease.toMillis(), model,
						model, maxConcurrent);
				if (!slot.isEmpty()) {
					held.incrementAndGet();
					return permit(queue, model, slot.get(0), holder);
				}
				// every permit is held by other instances: poll, backing off to 100 ms
				Thread.sleep(wait);
				wait = Math.min(100, wait * 2);
			}
		}
		catch (InterruptedException | RuntimeException ex) {
			queue.release();
			throw ex;
		}
	}

	private Permit permit(Semaphore queue, String model, int slot, String holder) {
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				try {
					jdbc.update("UPDATE lm_permit SET holder = NULL, instance = NULL, expires_at = NULL "
							+ "WHERE model = ? AND slot = ? AND holder = ?", model, slot, holder);
				}
				catch (RuntimeException ex) {
					// the lease expires on its own
					log.warn("Could not release permit {} of {}; it expires with its lease: {}", slot, model, ex.toString());
				}
				finally {
					held.decrementAndGet();
					queue.release();
				}
			}
		};
	}

	/** Creates the model's slot rows once (every instance may try; the first wins). */
	private void seed(String model) {
		if (seeded.contains(model)) {
			return;
		}
		jdbc.update("INSERT INTO lm_permit (model, slot) SELECT ?, g FROM generate_series(0, ? - 1) g "
				+ "ON CONFLICT DO NOTHING", model, maxConcurrent);
		seeded.add(model);
	}

	/** Extends the leases of the permits this instance holds, so long calls keep theirs. */
	private void renew() {
		if (held.get() == 0) {
			return;
		}
		try {
			jdbc.update("UPDATE lm_permit SET expires_at = " + DatabaseClock.NOW_PLUS_MILLIS
					+ " WHERE instance = ? AND holder IS NOT NULL", lease.toMillis(), instance);
		}
		catch (RuntimeException ex) {
			log.warn("Renewing provider permits failed; will retry: {}", ex.toString());
		}
	}

	/** Permits of {@code model} held in the whole fleet now (for tests and diagnostics). */
	public int heldInFleet(String model) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM lm_permit WHERE model = ? AND holder IS NOT NULL "
				+ "AND expires_at >= CURRENT_TIMESTAMP", Integer.class, model);
		return count == null ? 0 : count;
	}

	@Override
	public String scope() {
		return "fleet";
	}

	@Override
	public void close() {
		renewer.shutdownNow();
	}

}
