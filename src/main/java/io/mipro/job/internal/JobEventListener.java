package io.mipro.job.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, one connection per instance that {@code LISTEN}s on the job-event channel and turns each
 * notification (a job id) into a {@link JobEventsAppended}, so this instance's event streams are pushed to when
 * another instance stores events. The connection is its own (not one of the pool's), and is re-opened after a
 * failure; after a reconnect every open stream is re-read, since notifications sent meanwhile are lost.
 */
@Component
public class JobEventListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobEventListener.class);

	/** How long one wait for notifications lasts before the loop checks whether it should stop. */
	private static final int WAIT_MILLIS = 2_000;

	private final JobEventChannel channel;

	private final DataSourceProperties dataSource;

	private final ApplicationEventPublisher publisher;

	private volatile boolean running;

	private volatile Thread thread;

	public JobEventListener(JobEventChannel channel, DataSourceProperties dataSource,
			ApplicationEventPublisher publisher) {
		this.channel = channel;
		this.dataSource = dataSource;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		if (!channel.enabled()) {
			return;
		}
		running = true;
		thread = new Thread(this::listen, "job-events-listener");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread listening = thread;
		if (listening != null) {
			listening.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		boolean reconnected = false;
		while (running) {
			try (Connection connection = DriverManager.getConnection(dataSource.determineUrl(),
					dataSource.determineUsername(), dataSource.determinePassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + channel.name());
				}
				log.debug("Listening for job events on {}", channel.name());
				if (reconnected) {
					publisher.publishEvent(new JobEventsAppended(null));
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (running) {
					PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
					if (notifications == null) {
						continue;
					}
					for (PGNotification notification : notifications) {
						publish(notification.getParameter());
					}
				}
			}
			catch (SQLException ex) {
				if (!running) {
					return;
				}
				log.warn("Job event listener lost its connection; reconnecting: {}", ex.toString());
				reconnected = true;
				try {
					Thread.sleep(1_000);
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		}
	}

	private void publish(String jobId) {
		try {
			publisher.publishEvent(new JobEventsAppended(UUID.fromString(jobId)));
		}
		catch (IllegalArgumentException notAJob) {
			log.debug("Ignoring a job-event notification that names no job: {}", jobId);
		}
	}

}
