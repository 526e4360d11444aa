package io.mipro.job.internal;

import java.util.UUID;

/**
 * Events of this job were stored: published in the storing transaction (streams push after it commits) and, on
 * PostgreSQL, when another instance's {@code NOTIFY} arrives. A null job means any job (notifications may have been
 * missed while the listener reconnected).
 */
public record JobEventsAppended(UUID jobId) {

}
