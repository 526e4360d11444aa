package io.mipro.config;

import io.mipro.web.ProblemSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The API description clients generate code from: valid OpenAPI 3.1, one documented problem shape, unique operation
 * ids (set on each operation), the key requirement only where a key is configured, and the standard problem answers
 * added where an operation can give them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String API_KEY_SCHEME = "apiKey";

	static {
		// ProblemDetail's schema has a `properties` map; real problems carry their extra members at the top level
		SpringDocUtils.getConfig().replaceWithClass(ProblemDetail.class, ProblemSchema.class);
	}

	@Bean
	OpenAPI miproOpenApi() {
		return new OpenAPI().info(new Info().title("mipro-service API")
			.version("v1")
			.description("Optimize the prompts of LLM programs with MIPROv2: upload datasets, run optimization jobs, "
					+ "download the optimized program as DSPy-compatible JSON. Errors are RFC 9457 problem details "
					+ "(schema `Problem`).")
			.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			.components(new Components().addSecuritySchemes(API_KEY_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(ApiKeyFilter.HEADER)
						.description("Needed only when the server sets `mipro.api.key`")));
	}

	/**
	 * Marks the API operations as needing the key only when one is configured: Swagger UI then shows a lock (and its
	 * Authorize button sends the key) exactly when the server asks for it.
	 */
	@Bean
	OpenApiCustomizer apiKeyRequirement(ApiProperties api) {
		return openApi -> {
			if (api.key() == null || api.key().isBlank()) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/api/")) {
					item.readOperations().forEach(operation -> operation.addSecurityItem(
							new SecurityRequirement().addList(API_KEY_SCHEME)));
				}
			});
		};
	}

	@Bean
	OpenApiCustomizer standardProblems() {
		return new StandardProblems();
	}

}
