package io.mipro.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP API's own settings ({@code mipro.api.*}).
 *
 * @param key when set, every {@code /api/**} request must carry it in the {@code X-API-Key} header
 * @param maxJsonBody the largest JSON body accepted outside dataset uploads (which have their own limit)
 */
@ConfigurationProperties("mipro.api")
record ApiProperties(String key, @DefaultValue("256KB") DataSize maxJsonBody) {
}
