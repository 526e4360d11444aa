package io.mipro.config;

import io.mipro.dataset.DatasetLimits;
import jakarta.servlet.MultipartConfigElement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Derives the servlet multipart limits from {@code mipro.datasets.max-upload-size}, so one property governs both
 * JSON bodies and file uploads. The request may exceed the file by a little multipart framing.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

	private static final long MULTIPART_OVERHEAD = 64 * 1024;

	@Bean
	MultipartConfigElement multipartConfigElement(DatasetLimits limits) {
		long max = limits.maxUploadSize().toBytes();
		return new MultipartConfigElement(null, max, max + MULTIPART_OVERHEAD, 0);
	}

}
