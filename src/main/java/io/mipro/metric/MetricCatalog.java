package io.mipro.metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mipro.optimizer.eval.Metric;
import io.mipro.optimizer.eval.Metrics;

import org.springframework.stereotype.Component;

/**
 * The metrics jobs can name: the built-in ones and every {@link CustomMetric} bean. Names are case-insensitive. A
 * custom metric that takes a built-in's name or another bean's is a startup error, so a job never silently gets a
 * different metric than the one its author meant.
 */
@Component
public class MetricCatalog {

	/** Names of the metrics configured by an object rather than found by name alone. */
	public static final List<String> CONFIGURED = List.of("llm_judge", "semantic_f1", "weighted");

	/** Only the built-ins (for code that has no Spring context). */
	public static final MetricCatalog BUILT_IN = new MetricCatalog(List.of());

	private final Map<String, CustomMetric> custom;

	public MetricCatalog(List<CustomMetric> beans) {
		Map<String, CustomMetric> byName = new LinkedHashMap<>();
		for (CustomMetric bean : beans) {
			String name = key(bean.name());
			if (name.isEmpty() || Metrics.names().contains(name) || CONFIGURED.contains(name)) {
				throw new IllegalStateException("Custom metric " + bean.getClass().getName() + " is named `"
						+ bean.name() + "`, which is empty or a built-in metric's name; give it another name.");
			}
			CustomMetric clash = byName.put(name, bean);
			if (clash != null) {
				throw new IllegalStateException("Custom metrics " + clash.getClass().getName() + " and "
						+ bean.getClass().getName() + " are both named `" + name + "`.");
			}
		}
		this.custom = Collections.unmodifiableMap(byName);
	}

	private static String key(String name) {
		return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
	}

	/** Every name a job may use: built-ins, the configured kinds, then the custom metrics. */
	public List<String> names() {
		List<String> names = new ArrayList<>(Metrics.names());
		names.addAll(CONFIGURED);
		names.addAll(custom.keySet());
		return names;
	}

	/** A metric known by name alone (a built-in string metric or a custom one). */
	public Optional<Metric> byName(String name) {
		String key = key(name);
		if (Metrics.names().contains(key)) {
			return Optional.of(Metrics.byName(key));
		}
		return Optional.ofNullable(custom.get(key));
	}

}
