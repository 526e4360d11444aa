package io.mipro.job.internal;

import java.util.UUID;

/** This instance no longer owns the job (its lease expired and another took it, or the job was deleted). */
class LeaseLostException extends RuntimeException {

	LeaseLostException(UUID job) {
		super("Lost the lease on job " + job);
	}

}
