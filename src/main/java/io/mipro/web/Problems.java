package io.mipro.web;

import java.util.Map;

import org.springframework.web.ErrorResponseException;

/** Helpers shared by the APIs' problem classes. */
public final class Problems {

	private Problems() {
	}

	/**
	 * Another module's refusal answered as this API's problem: its detail and members ({@code field}, {@code module})
	 * carried over onto {@code as}, which gives the type and title.
	 */
	public static ErrorResponseException reissued(ErrorResponseException refused, ErrorResponseException as) {
		Map<String, Object> members = refused.getBody().getProperties();
		if (members != null) {
			members.forEach(as.getBody()::setProperty);
		}
		return as;
	}

}
