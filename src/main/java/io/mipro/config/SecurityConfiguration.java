package io.mipro.config;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Optional API-key authentication: with {@code mipro.api.key} set, every {@code /api/**} request needs the key in
 * {@code X-API-Key} (401 problem otherwise); without it the API is open, as for local use. Health, info, the API
 * docs and Swagger UI stay open (Swagger UI's Authorize button sends the key). Stateless: no sessions, no CSRF
 * tokens, no login forms.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiProperties api, JsonMapper json) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		if (api.key() == null || api.key().isBlank()) {
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
			return http.build();
		}
		http.addFilterBefore(new ApiKeyFilter(api.key()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.requestMatchers("/api/**").authenticated().anyRequest().permitAll())
			.exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, ex) -> ProblemWriter.write(
					response, json, request, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
					"This API needs a valid key in the " + ApiKeyFilter.HEADER + " header.")));
		return http.build();
	}

	@Bean
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(ApiProperties api, JsonMapper json) {
		FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
				new BodyLimitFilter(api.maxJsonBody().toBytes(), json));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(-200);
		return registration;
	}

}
