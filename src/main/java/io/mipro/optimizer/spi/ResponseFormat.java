package io.mipro.optimizer.spi;

/**
 * What shape of answer a call asks the provider for. {@link #JSON_OBJECT} is what DSPy's JSON adapter asks for when
 * it falls back from the chat format: the provider's JSON mode ({@code response_format: {"type": "json_object"}}).
 */
public enum ResponseFormat {

	/** Free text (the ChatAdapter's {@code [[ ## field ## ]]} sections). */
	TEXT,
	/** A JSON object. */
	JSON_OBJECT

}
