package io.mipro.fleet;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This instance: a name unique in the fleet (host plus a random suffix), used as the owner of job leases and of
 * provider permits, and the instance's own clock. That clock only stamps what people read (start and end times); it
 * never decides a lease, because instances' clocks drift. {@code mipro.jobs.clock-skew} shifts it, for tests that
 * show a skewed instance changes nothing.
 */
@Component
public class FleetInstance {

	private final String id;

	private final InstantSource clock;

	private final Duration skew;

	public FleetInstance(@Value("${mipro.jobs.clock-skew:0s}") Duration skew) {
		this.id = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
		this.skew = skew;
		this.clock = skew.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), skew);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "localhost";
		}
	}

	public String id() {
		return id;
	}

	/** The instance's own clock (shifted by {@code mipro.jobs.clock-skew} when set). */
	public InstantSource clock() {
		return clock;
	}

	public Duration configuredSkew() {
		return skew;
	}

}
