package io.mipro.optimizer;

/** Settings that cannot work together; the message says which and why. */
public class ConfigurationException extends IllegalArgumentException {

	public ConfigurationException(String message) {
		super(message);
	}

}
