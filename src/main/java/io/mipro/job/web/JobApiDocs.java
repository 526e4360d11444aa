package io.mipro.job.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the job event payloads as schemas and names them from the event stream operation
 * ({@code x-sse-events}: event name to schema), since OpenAPI has no standard way to describe SSE messages.
 */
@Configuration(proxyBeanMethods = false)
class JobApiDocs {

	static final String EVENTS_PATH = "/api/jobs/{id}/events";

	@Bean
	OpenApiCustomizer jobEventSchemas() {
		return openApi -> {
			Map<String, String> refs = new LinkedHashMap<>();
			JobEventSchemas.byEventName().forEach((event, type) -> {
				ModelConverters.getInstance(true)
					.readAll(new AnnotatedType(type))
					.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
				refs.put(event, "#/components/schemas/" + type.getSimpleName());
			});
			PathItem events = openApi.getPaths() == null ? null : openApi.getPaths().get(EVENTS_PATH);
			Operation get = events == null ? null : events.getGet();
			if (get != null) {
				get.addExtension("x-sse-events", refs);
			}
		};
	}

}
