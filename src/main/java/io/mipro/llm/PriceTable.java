package io.mipro.llm;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.mipro.optimizer.spi.Prices;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The price table ({@code mipro.pricing.<model>.input-per-mtok} and {@code output-per-mtok}, US dollars per million
 * tokens), read by usage accounting, the {@code maxCostUsd} budget and the cost estimate. Model names are matched
 * without regard to case; a name with dots needs brackets in properties ({@code mipro.pricing.[gpt-4.1].input-per-mtok}).
 * A model that is not listed has no price: its calls are counted as unpriced, never as free.
 *
 * @param pricing prices by model name
 */
@ConfigurationProperties("mipro")
public record PriceTable(Map<String, ModelPrice> pricing) implements Prices {

	public PriceTable {
		Map<String, ModelPrice> byName = new TreeMap<>();
		if (pricing != null) {
			pricing.forEach((model, price) -> byName.put(model.toLowerCase(Locale.ROOT), price));
		}
		pricing = Map.copyOf(byName);
	}

	/** One model's price. */
	public record ModelPrice(double inputPerMtok, double outputPerMtok) {

		public ModelPrice {
			new Price(inputPerMtok, outputPerMtok); // validates
		}

	}

	@Override
	public Price of(String model) {
		ModelPrice price = model == null ? null : pricing.get(model.toLowerCase(Locale.ROOT));
		return price == null ? null : new Price(price.inputPerMtok(), price.outputPerMtok());
	}

}
