package io.mipro.config;

import io.swagger.v3.oas.models.OpenAPI;
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
			.license(new License().name("Apache-2.0")));
	}

}
