package io.mipro.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI miproOpenApi() {
		return new OpenAPI().info(new Info().title("mipro-service API")
			.version("v1")
			.description("Optimize the prompts of LLM programs with MIPROv2: upload datasets, run optimization jobs, "
					+ "download the optimized program as DSPy-compatible JSON. Errors are RFC 9457 problem details.")
			.license(new License().name("Apache-2.0")))
			// used when mipro.api.key is set; Swagger UI's Authorize button then sends the key with every call
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
